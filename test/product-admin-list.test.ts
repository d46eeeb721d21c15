import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, startTestApp, type TestApp } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';

/** The staff product list the dashboard pages through: search, status, category and collection filters. */
describe('product admin list: filters and paging', () => {
  let app: TestApp;
  let admin: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product' });
    admin = await adminToken(app);
    const as = async (url: string, body: unknown) => {
      const res = await app.request('POST', url, { token: admin, body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    ids.shoes = await as('/admin/categories', { name: 'Shoes' });
    ids.hats = await as('/admin/categories', { name: 'Hats' });
    ids.summer = await as('/admin/collections', { title: 'Summer' });
    ids.boot = await as('/admin/products', {
      title: 'Leather Boot',
      status: 'published',
      categoryIds: [ids.shoes],
      variants: [{ sku: sku('LB') }],
    });
    ids.sandal = await as('/admin/products', {
      title: 'Beach Sandal',
      categoryIds: [ids.shoes],
      collectionIds: [ids.summer],
      variants: [{ sku: sku('BS') }],
    });
    ids.sunhat = await as('/admin/products', {
      title: 'Sun Hat',
      status: 'published',
      categoryIds: [ids.hats],
      collectionIds: [ids.summer],
      variants: [{ sku: sku('SH') }],
    });
  });
  afterAll(() => app?.stop());

  const titles = async (query: string) => {
    const res = await app.request('GET', `/admin/products?${query}`, { token: admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((p: { title: string }) => p.title);
  };

  it('filters by category, collection, status and words, alone and together', async () => {
    expect(await titles(`categoryId=${ids.shoes}`)).toEqual(['Beach Sandal', 'Leather Boot']);
    expect(await titles(`collectionId=${ids.summer}`)).toEqual(['Sun Hat', 'Beach Sandal']);
    expect(await titles(`categoryId=${ids.shoes}&collectionId=${ids.summer}`)).toEqual(['Beach Sandal']);
    expect(await titles(`categoryId=${ids.shoes}&status=published`)).toEqual(['Leather Boot']);
    expect(await titles(`collectionId=${ids.summer}&q=hat`)).toEqual(['Sun Hat']);
    expect(await titles(`categoryId=${ids.hats}&status=draft`)).toEqual([]);
  });

  it('pages a filtered list by cursor', async () => {
    const first = (
      await app.request('GET', `/admin/products?categoryId=${ids.shoes}&limit=1`, { token: admin })
    ).json();
    expect(first.items.map((p: { title: string }) => p.title)).toEqual(['Beach Sandal']);
    expect(first.nextCursor).toBe(ids.sandal);
    const second = (
      await app.request('GET', `/admin/products?categoryId=${ids.shoes}&limit=1&cursor=${first.nextCursor}`, {
        token: admin,
      })
    ).json();
    expect(second.items.map((p: { title: string }) => p.title)).toEqual(['Leather Boot']);
    expect(second.nextCursor).toBeNull();
  });

  it('answers a problem for a filter that is not an id', async () => {
    for (const query of ['categoryId=shoes', "collectionId=1' or '1'='1", 'categoryId=']) {
      const res = await app.request('GET', `/admin/products?${query}`, { token: admin });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
