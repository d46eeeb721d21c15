import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const base = { allErrors: false, useDefaults: true, removeAdditional: false as const, strict: false };

interface Validators {
  schemas: unknown[];
  coercing: Ajv;
  strict: Ajv;
}
/**
 * Fastify asks for a validator per encapsulated context (about 30 here); contexts that see the
 * same shared schemas share one pair of Ajv instances, and so their compiled validators.
 */
const built: Validators[] = [];

function validatorsFor(externalSchemas: Record<string, unknown>): Validators {
  const schemas = Object.values(externalSchemas);
  const same = built.find((v) => v.schemas.length === schemas.length && v.schemas.every((s, i) => s === schemas[i]));
  if (same) return same;
  const [coercing, strict] = [new Ajv({ ...base, coerceTypes: 'array' }), new Ajv({ ...base, coerceTypes: false })];
  for (const ajv of [coercing, strict]) {
    addFormats.default(ajv);
    for (const schema of schemas) ajv.addSchema(schema as object);
  }
  built.push({ schemas, coercing, strict });
  return built[built.length - 1];
}

/**
 * Fastify calls this for every encapsulated context that has schemas of its own (a module that
 * calls addSchema), so our rules hold everywhere, not only where setValidatorCompiler reached:
 * query strings, params and headers arrive as text and are coerced; JSON bodies are not (or
 * `"quantity": "5"` would pass), and unknown body properties are rejected, never silently kept.
 * A route's validator is compiled when its first request comes, not at boot (docs/adr/0010).
 */
export function buildValidator(externalSchemas: Record<string, unknown> = {}): FastifySchemaCompiler<any> {
  return ({ schema, httpPart }) => {
    let compiled: ValidateFunction | undefined;
    const validate = (data: unknown) => {
      if (!compiled) {
        const { coercing, strict } = validatorsFor(externalSchemas);
        compiled = (httpPart === 'body' ? strict : coercing).compile(schema);
      }
      const valid = compiled(data);
      validate.errors = compiled.errors; // (where Fastify reads why a request failed)
      return valid;
    };
    validate.errors = undefined as ValidateFunction['errors'];
    return validate;
  };
}
