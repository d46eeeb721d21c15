import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const base = { allErrors: false, useDefaults: true, removeAdditional: false as const, strict: false };

/**
 * Fastify calls this for every encapsulated context that has schemas of its own (a module that
 * calls addSchema), so our rules hold everywhere, not only where setValidatorCompiler reached:
 * query strings, params and headers arrive as text and are coerced; JSON bodies are not (or
 * `"quantity": "5"` would pass), and unknown body properties are rejected, never silently kept.
 */
export function buildValidator(externalSchemas: Record<string, unknown> = {}): FastifySchemaCompiler<any> {
  const coercing = new Ajv({ ...base, coerceTypes: 'array' });
  const strict = new Ajv({ ...base, coerceTypes: false });
  for (const ajv of [coercing, strict]) {
    addFormats.default(ajv);
    for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema as object);
  }
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema);
}
