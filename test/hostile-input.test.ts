// Every operation of the OpenAPI document, sent hostile values in each parameter and body field:
// no answer may be a 5xx, and every error must be application/problem+json.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { address, stockedVariant } from './helpers/shop.ts';
import { example, fieldsOf, hostileText, hostileValues, type OpenApi, toJson, withValue } from './helpers/hostile.ts';

interface Probe {
  method: string;
  url: string;
  payload?: string;
  headers?: Record<string, string>;
  what: string;
}

let app: TestApp;
let doc: OpenApi;
let admin: string;
let customer: string;
/** Ids of things that exist, by path prefix and parameter name, so probes get past "not found". */
const known: Record<string, string> = {};
beforeAll(async () => {
  app = await startTestApp();
  admin = await adminToken(app);
  const shopper = await registerCustomer(app);
  customer = shopper.token;
  doc = (await app.request('GET', '/docs/json')).json();
  const { variantId } = await stockedVariant(app, admin, { title: 'Hostile', price: 1000, stock: 50 });
  const as = async (token: string, method: string, url: string, body?: unknown) =>
    (await app.request(method, url, { token, body })).json();
  const cart = await as(customer, 'POST', '/store/carts', { currency: 'EUR' });
  // (retried until the order module's projection has heard of the new variant)
  const withLine = await eventually(async () => {
    const added = await as(customer, 'POST', `/store/carts/${cart.id}/items`, { variantId, quantity: 1 });
    return added.lines?.length ? added : undefined;
  });
  const product = (await as(admin, 'GET', '/admin/products?limit=1')).items[0];
  Object.assign(known, {
    'store/carts:id': cart.id,
    '*:lineId': withLine.lines[0].id,
    '*:variantId': variantId,
    'admin/products:id': product.id,
    'store/products:idOrHandle': product.id,
    'admin/categories:id': (await as(admin, 'POST', '/admin/categories', { name: 'Hostile' })).id,
    'admin/collections:id': (await as(admin, 'POST', '/admin/collections', { title: 'Hostile' })).id,
    'store/me:id': (await as(customer, 'POST', '/store/me/addresses', address)).id,
    'admin/customers:id': shopper.id,
  });
}, 60_000);

const knownId = (path: string, name: string) =>
  known[`${path.split('/').slice(1, 3).join('/')}:${name}`] ?? known[`*:${name}`];
afterAll(() => app?.stop());

const SKIP = /^\/(docs|metrics)/;
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    SKIP.test(path)
      ? []
      : Object.entries(item)
          .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

/** A request to an operation: path params filled (or given), query and body as given. */
function probe(
  o: { path: string; method: string; op: any },
  parts: { params?: Record<string, string>; query?: string; body?: unknown; raw?: string },
  what: string,
): Probe {
  const real = (name: string) => (o.method === 'DELETE' ? undefined : knownId(o.path, name));
  const url = o.path.replace(/\{(\w+)\}/g, (_, name) => parts.params?.[name] ?? real(name) ?? randomUUID());
  const hasBody = !!o.op.requestBody;
  const payload = parts.raw ?? (hasBody ? toJson(parts.body ?? bodyExample(o)) : undefined);
  const headers: Record<string, string> = { 'idempotency-key': `hostile-${randomUUID()}` };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return { method: o.method, url: `${url}${parts.query ? `?${parts.query}` : ''}`, payload, headers, what };
}

const bodySchema = (o: { op: any }) => o.op.requestBody?.content?.['application/json']?.schema;
const bodyExample = (o: { op: any }) => example(doc, bodySchema(o));
const params = (o: { op: any }, place: string) => ((o.op.parameters ?? []) as any[]).filter((p) => p.in === place);

/** Hostile probes for one operation: each path param, each query param, each body field, the body whole. */
function probesFor(o: { path: string; method: string; op: any }): Probe[] {
  const out: Probe[] = [];
  let turn = 0;
  const sample = <T>(values: T[], n: number) => Array.from({ length: n }, () => values[turn++ % values.length]);
  for (const p of params(o, 'path'))
    for (const v of sample(hostileText, 5)) out.push(probe(o, { params: { [p.name]: v } }, `path ${p.name}=${v}`));
  for (const p of params(o, 'query')) {
    for (const v of sample(hostileText, 5)) out.push(probe(o, { query: `${p.name}=${v}` }, `query ${p.name}=${v}`));
    out.push(probe(o, { query: `${p.name}=1&${p.name}=2` }, `query ${p.name} twice`));
  }
  out.push(probe(o, { query: 'unexpected=%00' }, 'query extra parameter with NUL'));
  if (!o.op.requestBody) return out;
  const base = bodyExample(o);
  for (const f of fieldsOf(doc, bodySchema(o))) {
    const values = hostileValues(doc, f.schema);
    for (const v of sample(values, Math.min(values.length, 4)))
      out.push(probe(o, { body: withValue(base, f.path, v) }, `body ${f.path.join('.')}=${toJson(v).slice(0, 40)}`));
  }
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  for (const [raw, what] of [
    [toJson({ ...(base as object), unexpected: 'x' }), 'extra property'],
    [deep, 'array nested 100,000 deep'],
    ['{"a":' + '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_001), 'object nested 20,000 deep'],
    [toJson(Array.from({ length: 20_000 }, () => base)), 'an array of 20,000 bodies'],
    ['"\\u0000"', 'a NUL string'],
    ['{"x":"\\ud800"}', 'an escaped lone surrogate'],
    ['{"__proto__":{"admin":true}}', 'prototype pollution'],
    ['{', 'truncated JSON'],
    ['1e309', 'Infinity'],
  ] as const)
    out.push(probe(o, { raw }, `body ${what}`));
  return out;
}

async function send(p: Probe): Promise<LightMyRequestResponse> {
  const token = p.url.startsWith('/admin') ? admin : customer;
  return app.app.inject({
    method: p.method as any,
    url: p.url,
    payload: p.payload,
    headers: { authorization: `Bearer ${token}`, ...p.headers },
  });
}

/** What is wrong with an answer: a 5xx, or an error that is not problem+json. */
function fault(res: LightMyRequestResponse): string | undefined {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 200)}`;
  if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json'))
    return `${res.statusCode} as ${res.headers['content-type']}`;
  return undefined;
}

async function runAll(probes: Probe[], concurrency = 6) {
  const faults: string[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < probes.length) {
        const p = probes[next++];
        const res = await send(p);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        const f = fault(res);
        if (f) faults.push(`${p.method} ${p.url.slice(0, 80)} [${p.what}]: ${f}`);
      }
    }),
  );
  return { faults, statuses };
}

describe('hostile input, generated from the OpenAPI document', () => {
  it('answers no 5xx and only problem+json errors on every operation', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(80);
    const probes = ops.flatMap(probesFor);
    const started = Date.now();
    const { faults, statuses } = await runAll(probes);
    const took = Date.now() - started;
    console.info(`hostile input: ${probes.length} requests, ${ops.length} operations, ${took} ms`, statuses);
    expect(faults).toEqual([]);
  }, 180_000);

  it('answers router errors (bad escapes, over-long or NUL path parameters) as problems', async () => {
    for (const url of [
      '/store/carts/%FF',
      `/store/carts/${'a'.repeat(300)}`,
      '/store/carts/%00',
      '/nowhere/%E0%A4%A',
    ]) {
      const res = await app.request('GET', url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });

  it('creates sent four times at once: no 5xx; a unique name or handle gives one 201 and 409s', async () => {
    const handle = `race-${Date.now().toString(36)}`;
    const named: [string, unknown][] = [
      ['/admin/categories', { name: 'Race', handle }],
      ['/admin/collections', { title: 'Race', handle }],
      ['/admin/products', { title: 'Race', handle, variants: [{ sku: `SKU-${handle}` }] }],
    ];
    for (const [url, body] of named) {
      const answers = await Promise.all([1, 2, 3, 4].map(() => app.request('POST', url, { token: admin, body })));
      expect(answers.map((a) => a.statusCode).sort(), url).toEqual([201, 409, 409, 409]);
      for (const a of answers.filter((x) => x.statusCode === 409))
        expect(a.headers['content-type']).toContain('application/problem+json');
    }
    // Every other create without path parameters, from its schema's example, four at once.
    const creates = operations().filter(
      (o) => o.method === 'POST' && !o.path.includes('{') && !/auth|webhook|stripe/.test(o.path),
    );
    const probes = creates.flatMap((o) => {
      const body = toJson(bodyExample(o));
      const key = `dup-${randomUUID()}`;
      return [1, 2, 3, 4].map(() => ({
        ...probe(o, { raw: o.op.requestBody ? body : undefined }, 'concurrent duplicate'),
        headers: { 'idempotency-key': key, ...(o.op.requestBody ? { 'content-type': 'application/json' } : {}) },
      }));
    });
    expect((await runAll(probes, 4)).faults).toEqual([]);
  }, 60_000);

  it('refuses NUL and lone surrogates in a valid request with a 400 naming the field', async () => {
    const res = await app.request('POST', '/store/auth/register', {
      payload: '{"email":"nul@example.com","password":"Correct-horse-9","firstName":"a\\u0000b"}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('firstName');
    const search = await app.request('GET', '/store/products?q=a%00b');
    expect(search.statusCode).toBe(400);
    expect(search.json().errors[0].field).toBe('querystring.q');
    const huge = await app.request('GET', '/store/products?minPrice=1e309');
    expect(huge.statusCode).toBe(400);
  });
});
