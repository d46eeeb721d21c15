import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';

describe('product admin: bad input changes nothing', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product' });
    admin = await adminToken(app);
  });
  afterAll(() => app?.stop());
  const count = async () => Number((await app.db.query('select count(*) from product.products'))[0].count);
  const create = (body: unknown) => app.request('POST', '/admin/products', { token: admin, body });

  it('answers 400/404/409 problems for every kind of bad input', async () => {
    const base = { title: 'Valid', variants: [{ sku: sku() }] };
    expect((await create(base)).statusCode).toBe(201);
    const before = await count();
    const taken = (await app.request('GET', '/admin/products?limit=1', { token: admin })).json().items[0];
    const full = (await app.request('GET', `/admin/products/${taken.id}`, { token: admin })).json();
    const cases: [unknown, number, RegExp][] = [
      [{ variants: [{ sku: sku() }] }, 400, /title/],
      [{ title: 'x', variants: [] }, 400, /variants/],
      [{ title: 'x', variants: [{ sku: full.variants[0].sku }] }, 409, /SKU/],
      [{ title: 'x', variants: [{ sku: 'DUP-1' }, { sku: 'DUP-1' }] }, 409, /twice/],
      [{ title: 'x', handle: full.handle, variants: [{ sku: sku() }] }, 409, /handle/],
      [
        { title: 'x', categoryIds: ['00000000-0000-7000-8000-000000000000'], variants: [{ sku: sku() }] },
        400,
        /unknown category/,
      ],
      [
        {
          title: 'x',
          options: [{ name: 'Size', values: ['S'] }],
          variants: [{ sku: sku(), options: { Colour: 'Red' } }],
        },
        400,
        /unknown option/,
      ],
      [{ title: 'x', options: [{ name: 'Size', values: ['S'] }], variants: [{ sku: sku() }] }, 400, /needs a value/],
      [{ title: 'x', variants: [{ sku: sku(), weightGrams: -1 }] }, 400, /weightGrams/],
      [{ title: 'x', variants: Array.from({ length: 101 }, () => ({ sku: sku() })) }, 400, /variants/],
      [{ title: 'x', variants: [{ sku: sku() }], id: '00000000-0000-7000-8000-000000000000' }, 400, /id/],
      [{ title: 'x'.repeat(301), variants: [{ sku: sku() }] }, 400, /title/],
      [{ title: 'x', handle: 'Not A Slug', variants: [{ sku: sku() }] }, 400, /handle/],
    ];
    for (const [body, status, detail] of cases) {
      const res = await create(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 120)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail, JSON.stringify(body).slice(0, 120)).toMatch(detail);
    }
    expect(await count()).toBe(before);
    const missing = '00000000-0000-7000-8000-000000000000';
    expect(
      (await app.request('PATCH', `/admin/products/${missing}`, { token: admin, body: { title: 'y' } })).statusCode,
    ).toBe(404);
    expect((await app.request('DELETE', `/admin/products/${missing}`, { token: admin })).statusCode).toBe(404);
    expect((await app.request('GET', '/admin/products?limit=100000', { token: admin })).statusCode).toBe(400);
    expect((await app.request('GET', '/store/products?limit=100000')).statusCode).toBe(400);
    const customer = await registerCustomer(app);
    expect((await app.request('POST', '/admin/products', { token: customer.token, body: base })).statusCode).toBe(403);
  });

  it('keeps the category tree sound: no cycles, no deleting used or parent categories', async () => {
    const root = (await app.request('POST', '/admin/categories', { token: admin, body: { name: 'Root' } })).json();
    const child = (
      await app.request('POST', '/admin/categories', { token: admin, body: { name: 'Child', parentId: root.id } })
    ).json();
    expect(
      (await app.request('PATCH', `/admin/categories/${root.id}`, { token: admin, body: { parentId: child.id } }))
        .statusCode,
    ).toBe(409);
    expect((await app.request('DELETE', `/admin/categories/${root.id}`, { token: admin })).statusCode).toBe(409);
    expect(
      (
        await app.request('POST', '/admin/categories', {
          token: admin,
          body: { name: 'Orphan', parentId: '00000000-0000-7000-8000-000000000000' },
        })
      ).statusCode,
    ).toBe(400);
    await create({ title: 'In child', categoryIds: [child.id], variants: [{ sku: sku() }] });
    expect((await app.request('DELETE', `/admin/categories/${child.id}`, { token: admin })).statusCode).toBe(409);
  });
});
