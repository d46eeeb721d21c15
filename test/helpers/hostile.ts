// Valid examples and hostile variants of request parts, generated from an OpenAPI document.
import { randomUUID } from 'node:crypto';

type Schema = Record<string, any>;
export type OpenApi = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

/** Stands for a JSON number that JSON.stringify cannot write (Infinity, or digits past a double). */
export class RawNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}
const RAW = '\u0001raw\u0001';

/** JSON text of a value that may hold RawNumbers (written as their literal text). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v instanceof RawNumber ? `${RAW}${v.text}${RAW}` : v)).replace(
    new RegExp(`"${RAW}(.*?)${RAW}"`, 'g'),
    '$1',
  );
}

export function resolve(doc: OpenApi, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const name = s.$ref.split('/').pop()!;
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

const typeOf = (s: Schema): string | undefined =>
  Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : (s.type ?? (s.properties ? 'object' : undefined));

const stringCandidates = ['EUR', 'DE', 'standard', 'abc-def', 'Abc123', 'tok_success', 'x', '+49 30 1234567'];
let seq = 0;

/** A value the schema accepts (best effort: formats, patterns, bounds), required properties only. */
export function example(doc: OpenApi, schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const alternatives = s.anyOf ?? s.oneOf;
  if (Array.isArray(alternatives)) {
    const first = alternatives.map((a: Schema) => resolve(doc, a)).find((a: Schema) => a.type !== 'null');
    return example(doc, first ?? alternatives[0], depth);
  }
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((a: Schema) => example(doc, a, depth)));
  switch (typeOf(s)) {
    case 'object': {
      if (depth > 6) return {};
      const props: Record<string, Schema> = s.properties ?? {};
      const names = new Set<string>(s.required ?? []);
      if (s.minProperties && !names.size && Object.keys(props)[0]) names.add(Object.keys(props)[0]);
      return Object.fromEntries([...names].map((n) => [n, example(doc, props[n], depth + 1)]));
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => example(doc, s.items, depth + 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'string':
      return exampleString(s);
    default:
      return 'x';
  }
}

function exampleString(s: Schema): string {
  switch (s.format) {
    case 'uuid':
      return randomUUID();
    case 'email':
      return `hostile.${Date.now().toString(36)}.${++seq}@example.com`;
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return '2026-01-01';
    case 'uri':
      return 'https://example.com/x';
  }
  const min = s.minLength ?? 0;
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const fit = stringCandidates.find((c) => re.test(c) && c.length >= min && c.length <= (s.maxLength ?? 1e9));
    if (fit) return fit;
  }
  return 'example'.padEnd(min, 'x').slice(0, s.maxLength ?? 1e9);
}

const deep = (levels: number) => JSON.parse('{"a":'.repeat(levels) + '1' + '}'.repeat(levels));

/** Hostile values for a field of this schema, the ones its type is most likely to mishandle first. */
export function hostileValues(doc: OpenApi, schema: Schema | undefined): unknown[] {
  const s = resolve(doc, schema);
  const common = [null, { nested: deep(50) }, 'a\u0000b', '\ud800'];
  switch (typeOf(s)) {
    case 'integer':
    case 'number':
      return [
        new RawNumber('1e309'),
        new RawNumber('99999999999999999999'),
        new RawNumber('-99999999999999999999'),
        2_147_483_648,
        -1,
        1.5,
        '12',
        ...common,
      ];
    case 'array':
      return [
        Array.from({ length: 5_000 }, () => example(doc, s.items)),
        [['\u0000']],
        'a\u0000b',
        { 0: 'x' },
        ...common,
      ];
    case 'object':
      return [{ ...(example(doc, s) as object), unexpected: 'x' }, [], 'a\u0000b', deep(2_000), ...common];
    case 'boolean':
      return ['true', 1, ...common];
    default:
      return ['a\u0000b', '\ud800', 'x\udfffy', 'x'.repeat(100_000), 123, true, '', ['x'], {}, '%FF', null];
  }
}

/** Query-string and path values: text, as a client would send them (already %-encoded). */
export const hostileText = [
  '%00',
  'a%00b',
  '%ED%A0%80', // a lone surrogate in UTF-8 (invalid)
  '%FF',
  '1e309',
  '99999999999999999999',
  '-99999999999999999999',
  '-1',
  'NaN',
  'x'.repeat(300),
  '%F0%9F%98%80'.repeat(50),
];

/** Every JSON body field path of an example (top level and one level down), with its schema. */
export function fieldsOf(doc: OpenApi, schema: Schema | undefined): { path: string[]; schema: Schema }[] {
  const out: { path: string[]; schema: Schema }[] = [];
  const walk = (s: Schema, path: string[]) => {
    const r = resolve(doc, s);
    const alternatives = r.anyOf ?? r.oneOf;
    const props: Record<string, Schema> =
      r.properties ?? (Array.isArray(alternatives) ? (resolve(doc, alternatives[0]).properties ?? {}) : {});
    for (const [name, child] of Object.entries(props)) {
      out.push({ path: [...path, name], schema: child });
      if (path.length < 1) walk(child, [...path, name]);
    }
  };
  walk(schema ?? {}, []);
  return out;
}

/** A copy of `base` with the value at `path` replaced (parents created as objects). */
export function withValue(base: unknown, path: string[], value: unknown): unknown {
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  const copy = structuredClone(base);
  const root: Record<string, unknown> = isRecord(copy) ? copy : {};
  let at = root;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    const child: Record<string, unknown> = isRecord(next) ? next : {};
    at[key] = child;
    at = child;
  }
  at[path[path.length - 1]] = value;
  return root;
}
