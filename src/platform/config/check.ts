// The configuration's schema checked by walking it: it uses a handful of JSON Schema keywords, and
// loading a schema compiler (typebox/compile) and compiling with it cost more boot CPU than this
// (docs/adr/0109-start-cpu-and-memory.md). A keyword not listed here fails the config unit test.
export const supportedKeywords = new Set([
  'type',
  'properties',
  'required',
  'anyOf',
  'const',
  'minLength',
  'minimum',
  'maximum',
  'pattern',
  'format',
]);

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  const?: unknown;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

/** The first problem with a value, as where (a JSON pointer) and what; undefined when it fits. */
export interface ConfigProblem {
  instancePath: string;
  missingProperty?: string;
  message: string;
}

const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const typeOk = (type: string, v: unknown) =>
  type === 'integer'
    ? Number.isInteger(v)
    : type === 'number'
      ? typeof v === 'number' && Number.isFinite(v)
      : type === 'object'
        ? typeof v === 'object' && v !== null && !Array.isArray(v)
        : typeof v === type;

export function checkConfig(schema: Schema, value: unknown, path = ''): ConfigProblem | undefined {
  const at = (message: string) => ({ instancePath: path, message });
  if (schema.anyOf)
    return schema.anyOf.some((s) => !checkConfig(s, value, path))
      ? undefined
      : at(`must be one of ${schema.anyOf.map((s) => JSON.stringify(s.const ?? s.type)).join(', ')}`);
  if ('const' in schema && value !== schema.const) return at(`must be ${JSON.stringify(schema.const)}`);
  if (schema.type && !typeOk(schema.type, value)) return at(`must be ${schema.type}`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      return at(`must have at least ${schema.minLength} characters`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
      return at(`must match pattern "${schema.pattern}"`);
    if (schema.format === 'email' && !email.test(value)) return at('must be an email address');
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return at(`must be >= ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) return at(`must be <= ${schema.maximum}`);
  }
  if (schema.properties) {
    const obj = value as Record<string, unknown>;
    for (const name of schema.required ?? [])
      if (obj[name] === undefined) return { instancePath: path, missingProperty: name, message: `must have ${name}` };
    for (const [name, sub] of Object.entries(schema.properties))
      if (obj[name] !== undefined) {
        const problem = checkConfig(sub, obj[name], `${path}/${name}`);
        if (problem) return problem;
      }
  }
  return undefined;
}
