import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const base = { allErrors: false, useDefaults: true, removeAdditional: false as const, strict: false };
// Query strings, params and headers arrive as text and need coercion; JSON bodies must not be
// coerced, or `"quantity": "5"` and `"email": 5` would pass as the right types.
const coercing = new Ajv({ ...base, coerceTypes: 'array' });
const strict = new Ajv({ ...base, coerceTypes: false });
for (const ajv of [coercing, strict]) addFormats.default(ajv);

export const validatorCompiler: FastifySchemaCompiler<any> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema);
