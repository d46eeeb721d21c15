import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';

/** The catalog as staff and shoppers use it, through HTTP only, with product, pricing and inventory talking over the bus. */
describe('catalog journey (product + pricing + inventory over HTTP)', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product,pricing,inventory' });
    admin = await adminToken(app);
  });
  afterAll(() => app?.stop());

  const as = (method: string, url: string, body?: unknown) => app.request(method, url, { token: admin, body });
  /** Another module answers 404 until it has handled product.created: retry until it knows the variant. */
  const once = async (method: string, url: string, body: unknown) =>
    eventually(
      async () => {
        const r = await as(method, url, body);
        return r.statusCode < 300 ? r : undefined;
      },
      5000,
      20,
    );
  const find = async (query: string) => (await app.request('GET', `/store/products?${query}`)).json();

  it('staff create, price and stock a product; a shopper finds it misspelt, priced in EUR and USD, in stock; then out of stock; then gone', async () => {
    const category = (await as('POST', '/admin/categories', { name: 'Outerwear' })).json();
    const created = await as('POST', '/admin/products', {
      title: 'Harris Tweed Overcoat',
      status: 'published',
      categoryIds: [category.id],
      options: [{ name: 'Size', values: ['M', 'L'] }],
      variants: [
        { sku: sku('COAT'), options: { Size: 'M' } },
        { sku: sku('COAT'), options: { Size: 'L' } },
      ],
    });
    expect(created.statusCode).toBe(201);
    const product = created.json();
    const [m, l] = product.variants;
    for (const v of [m, l])
      await once('PUT', `/admin/prices/${v.id}`, {
        prices: [
          { currency: 'EUR', amount: 34900 },
          { currency: 'USD', amount: 37900 },
        ],
      });
    const [location] = (await as('GET', '/admin/stock-locations')).json().items;
    await once('POST', `/admin/inventory/${m.id}/adjustments`, {
      locationId: location.id,
      onHand: 5,
      reason: 'received',
    });
    const staffDone = Date.now();

    // A shopper, typing badly. Within a second of the last staff write.
    const hit = await eventually(
      async () => {
        const items = (await find('q=harris%20twed%20overcot')).items;
        const p = items.find((i: any) => i.id === product.id);
        return p && p.inStock && p.variants.every((v: any) => v.price) ? p : undefined;
      },
      5000,
      20,
    );
    expect(Date.now() - staffDone).toBeLessThan(1000);
    expect(hit.priceRange).toEqual({ currency: 'EUR', min: 34900, max: 34900 });
    expect(hit.variants.find((v: any) => v.id === m.id)).toMatchObject({
      inStock: true,
      price: { currency: 'EUR', amount: 34900 },
    });
    expect(hit.variants.find((v: any) => v.id === l.id)).toMatchObject({ inStock: false });
    const usd = (await find('q=overcoat&currency=USD')).items.find((i: any) => i.id === product.id);
    expect(usd.variants[0].price).toMatchObject({ currency: 'USD', amount: 37900 });
    const page = (await app.request('GET', `/store/products/${product.handle}?currency=USD`)).json();
    expect(page).toMatchObject({ id: product.id, inStock: true, categories: [{ id: category.id }] });

    // Staff set the stock to zero: the listing says out of stock.
    expect(
      (
        await as('POST', `/admin/inventory/${m.id}/adjustments`, {
          locationId: location.id,
          onHand: 0,
          reason: 'cycle_count',
        })
      ).statusCode,
    ).toBe(201);
    await eventually(
      async () =>
        (await find(`category=${category.id}`)).items.find((i: any) => i.id === product.id)?.inStock === false,
      5000,
      20,
    );
    expect((await find('inStock=true&limit=100')).items.map((i: any) => i.id)).not.toContain(product.id);

    // Staff unpublish it: gone from listing and search.
    expect((await as('PATCH', `/admin/products/${product.id}`, { status: 'draft' })).statusCode).toBe(200);
    await eventually(async () => !(await find('limit=100')).items.some((i: any) => i.id === product.id), 5000, 20);
    expect((await find('q=harris%20tweed')).items).toEqual([]);
    expect((await app.request('GET', `/store/products/${product.handle}`)).statusCode).toBe(404);
  });

  it('a price on a variant no product has is a 404, and changes nothing', async () => {
    const res = await as('PUT', '/admin/prices/00000000-0000-7000-8000-000000000000', {
      prices: [{ currency: 'EUR', amount: 100 }],
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
