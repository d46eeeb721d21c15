import type { FastifyRequest, RouteOptions } from 'fastify';
import { BadRequest } from './errors.ts';

/** The largest value a Postgres `integer` holds; also the ceiling of money amounts in minor units. */
export const INT4_MAX = 2_147_483_647;
const INT4_MIN = -2_147_483_648;

const unclean = (s: string) => s.includes('\0') || !s.isWellFormed();

/**
 * Where the first string (or object key) holding a NUL byte or a lone surrogate sits, or
 * undefined. Postgres refuses both in text and jsonb, so they must stop here with a 400 rather
 * than fail in the database as a 500. Walks with its own stack: a deeply nested body cannot
 * overflow the call stack.
 */
export function findUncleanString(root: unknown): string | undefined {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (unclean(value)) return path;
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push([value[i], `${path}.${i}`]);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (unclean(k)) return `${path}.${k.replace(/[^\x20-\x7e]/g, '?')}`;
        stack.push([v, `${path}.${k}`]);
      }
    }
  }
  return undefined;
}

const isCsv = (req: FastifyRequest) => /^text\/csv\b/i.test(req.headers['content-type'] ?? '');

/** preValidation on every route: path params, query string and body, before any schema or handler sees them. */
export async function rejectUncleanInput(req: FastifyRequest) {
  for (const [part, value] of [
    ['params', req.params],
    ['querystring', req.query],
    ['body', req.body],
  ] as const) {
    // A CSV import's text is checked cell by cell by its reader, which names the line (platform/csv).
    if (part === 'body' && typeof value === 'string' && isCsv(req)) continue;
    const at = findUncleanString(value);
    if (at === undefined) continue;
    const field = `${part === 'body' ? '' : `${part}.`}${at.slice(1)}` || part;
    throw new BadRequest(`${field} must not contain NUL bytes or unpaired surrogates`, {
      errors: [{ field, message: 'must not contain NUL bytes or unpaired surrogates' }],
    });
  }
}

/**
 * onRoute: every integer in a request schema without its own bounds gets those of a Postgres
 * `integer` (a number: finite ones), so `99999999999999999999` is a 400 and not a failed cast (a route that means a
 * bigger number says so with its own `maximum`). Changed in place, so the OpenAPI document shows
 * the bound the validator applies.
 */
export function boundIntegers(route: RouteOptions) {
  const schema = route.schema;
  if (!schema) return;
  for (const part of [schema.body, schema.querystring, schema.params, schema.headers]) boundIn(part);
}

function boundIn(root: unknown) {
  const stack = [root];
  const seen = new Set<object>();
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const type = !Array.isArray(node) && 'type' in node ? node.type : undefined;
    if ((type === 'integer' || type === 'number') && Object.isExtensible(node)) {
      // (a number gets finite bounds: a query's `1e309` is coerced to Infinity)
      const [min, max] =
        type === 'integer' ? [INT4_MIN, INT4_MAX] : [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
      if (!('maximum' in node) && !('exclusiveMaximum' in node)) Object.assign(node, { maximum: max });
      if (!('minimum' in node) && !('exclusiveMinimum' in node)) Object.assign(node, { minimum: min });
    }
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') stack.push(v);
  }
}
