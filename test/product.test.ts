import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, handledBy, publishAs, startTestApp, type TestApp } from './helpers/app.ts';
import { StockChanged } from '../src/modules/inventory/contract.ts';
import { announcePrice, announceStock, sku } from './helpers/catalog.ts';

describe('product module (alone, prices and stock announced by events)', () => {
  let app: TestApp;
  let admin: string;
  const post = (url: string, body: unknown) => app.request('POST', url, { token: admin, body });
  const list = async (query: string) => {
    const res = await app.request('GET', `/store/products?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  let clothing: any, knitwear: any, winter: any;

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product' });
    admin = await adminToken(app);
    clothing = (await post('/admin/categories', { name: 'Clothing' })).json();
    knitwear = (await post('/admin/categories', { name: 'Knitwear', parentId: clothing.id })).json();
    winter = (await post('/admin/collections', { title: 'Winter' })).json();
  });
  afterAll(() => app?.stop());

  async function makeProduct(
    title: string,
    opts: {
      price?: number;
      stock?: number;
      categoryIds?: string[];
      collectionIds?: string[];
      variants?: number;
      status?: string;
    } = {},
  ) {
    const n = opts.variants ?? 2;
    const sizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL', '4XL', '5XL', '6XL'].concat(
      Array.from({ length: 90 }, (_, i) => `N${i}`),
    );
    const res = await post('/admin/products', {
      title,
      status: opts.status ?? 'published',
      categoryIds: opts.categoryIds ?? [knitwear.id],
      collectionIds: opts.collectionIds ?? [],
      options: [{ name: 'Size', values: sizes.slice(0, n) }],
      variants: sizes.slice(0, n).map((s) => ({ sku: sku(), options: { Size: s } })),
      images: [{ url: 'https://img.example.com/a.jpg', alt: title }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const product = res.json();
    if (opts.price !== undefined) {
      for (const v of product.variants) {
        await announcePrice(app, v.id, 'EUR', opts.price);
        await announcePrice(app, v.id, 'USD', Math.round(opts.price * 1.1));
      }
    }
    if (opts.stock !== undefined) for (const v of product.variants) await announceStock(app, v.id, opts.stock);
    return product;
  }

  const waitListed = (query: string, id: string, want = true) =>
    eventually(
      async () => ((await list(query)).items.some((p: any) => p.id === id) === want ? true : undefined),
      5000,
      30,
    );

  it('lists a published, priced product with variant prices in EUR and USD and its stock, within a second', async () => {
    const product = await makeProduct('Merino Wool Sweater', { price: 8900, stock: 5 });
    const started = Date.now();
    const eur = await eventually(
      async () => (await list('limit=100')).items.find((p: any) => p.id === product.id && p.inStock),
      5000,
      20,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(eur.priceRange).toEqual({ currency: 'EUR', min: 8900, max: 8900 });
    expect(eur.inStock).toBe(true);
    // (listed with its first price and stock; each variant's come with their own events)
    const priced = await eventually(
      async () =>
        (await list('limit=100')).items.find(
          (p: any) => p.id === product.id && p.variants.every((v: any) => v.price && v.inStock),
        ),
      5000,
      20,
    );
    expect(priced.variants[0]).toMatchObject({ price: { currency: 'EUR', amount: 8900 }, inStock: true });
    // (listed in USD with its first USD price; each variant's comes with its own event)
    const usd = await eventually(
      async () =>
        (await list('currency=USD&limit=100')).items.find(
          (p: any) => p.id === product.id && p.variants.every((v: any) => v.price),
        ),
      5000,
      20,
    );
    expect(usd.variants[0].price).toMatchObject({ currency: 'USD', amount: 9790 });
    const page = await app.request('GET', `/store/products/${product.handle}?currency=USD`);
    expect(page.json()).toMatchObject({ id: product.id, inStock: true, categories: [{ id: knitwear.id }] });
  });

  it('a draft or an unpriced product is not listed; unpublishing removes it', async () => {
    const draft = await makeProduct('Draft Scarf', { price: 1000, status: 'draft' });
    const unpriced = await makeProduct('Unpriced Hat');
    const live = await makeProduct('Live Gloves', { price: 1500, stock: 1 });
    await waitListed('limit=100', live.id);
    const ids = (await list('limit=100')).items.map((p: any) => p.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(unpriced.id);
    expect((await app.request('GET', `/store/products/${draft.id}`)).statusCode).toBe(404);
    expect(
      (await app.request('PATCH', `/admin/products/${live.id}`, { token: admin, body: { status: 'draft' } }))
        .statusCode,
    ).toBe(200);
    await waitListed('limit=100', live.id, false);
    expect((await app.request('GET', `/store/products/${live.handle}`)).statusCode).toBe(404);
  });

  it('out of stock shows as such; older stock and price events are ignored', async () => {
    const p = await makeProduct('Cashmere Beanie', { price: 4000, stock: 3 });
    await waitListed('inStock=true&limit=100', p.id);
    for (const v of p.variants) await announceStock(app, v.id, 0);
    await waitListed('inStock=false&limit=100', p.id);
    for (const v of p.variants) await announceStock(app, v.id, 9, 1); // a stale event from long ago
    await new Promise((r) => setTimeout(r, 300));
    expect((await list('inStock=false&limit=100')).items.map((x: any) => x.id)).toContain(p.id);
  });

  it('filters by category (with subcategories), collection and price range; sorts by price and title', async () => {
    const a = await makeProduct('Alpha Cardigan', { price: 3000, stock: 1, collectionIds: [winter.id] });
    const b = await makeProduct('Beta Coat', { price: 12000, stock: 1, categoryIds: [clothing.id] });
    await waitListed('limit=100', a.id);
    await waitListed('limit=100', b.id);
    const inClothing = (await list(`category=${clothing.handle}&limit=100`)).items.map((p: any) => p.id);
    expect(inClothing).toEqual(expect.arrayContaining([a.id, b.id])); // knitwear is under clothing
    const inKnitwear = (await list(`category=${knitwear.id}&limit=100`)).items.map((p: any) => p.id);
    expect(inKnitwear).toContain(a.id);
    expect(inKnitwear).not.toContain(b.id);
    expect((await list(`collection=${winter.handle}&limit=100`)).items.map((p: any) => p.id)).toEqual([a.id]);
    const mid = (await list('minPrice=2000&maxPrice=5000&limit=100')).items;
    expect(mid.every((p: any) => p.priceRange.min >= 2000 && p.priceRange.min <= 5000)).toBe(true);
    expect(mid.map((p: any) => p.id)).toContain(a.id);
    const asc = (await list('sort=price_asc&limit=100')).items.map((p: any) => p.priceRange.min);
    expect(asc).toEqual([...asc].sort((x, y) => x - y));
    const desc = (await list('sort=price_desc&limit=100')).items.map((p: any) => p.priceRange.min);
    expect(desc).toEqual([...desc].sort((x, y) => y - x));
    const titles = (await list('sort=title&limit=100')).items.map((p: any) => p.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
    expect((await app.request('GET', '/store/products?category=nope')).statusCode).toBe(400);
  });

  it('pages with an opaque cursor that stays stable while products are added', async () => {
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(await makeProduct(`Paged Sock ${i}`, { price: 500 + i, stock: 1, variants: 1, collectionIds: [] }));
    await waitListed('limit=100', made[4].id);
    for (const sort of ['newest', 'price_asc', 'title']) {
      const first = await list(`sort=${sort}&limit=3`);
      await makeProduct(`Inserted ${sort}`, { price: 1, stock: 1, variants: 1 }); // would shift an offset-based page
      const seen = [...first.items.map((p: any) => p.id)];
      let cursor = first.nextCursor;
      while (cursor) {
        const next = await list(`sort=${sort}&limit=3&cursor=${cursor}`);
        seen.push(...next.items.map((p: any) => p.id));
        cursor = next.nextCursor;
      }
      expect(new Set(seen).size, sort).toBe(seen.length); // no duplicates across pages
      for (const m of made) expect(seen, sort).toContain(m.id);
    }
    expect((await app.request('GET', '/store/products?cursor=garbage')).statusCode).toBe(400);
    const newest = await list('limit=1');
    expect((await app.request('GET', `/store/products?sort=title&cursor=${newest.nextCursor}`)).statusCode).toBe(400); // cursor of another sort
  });

  it('search is typo tolerant, ranks by relevance and returns facet counts', async () => {
    const p = await makeProduct('Shetland Fisherman Jumper', { price: 9900, stock: 2 });
    await waitListed('limit=100', p.id);
    for (const q of ['fisherman', 'fisherman jumper', 'fishermn', 'shetlnd jumper', 'SHETLAND']) {
      const res = await list(`q=${encodeURIComponent(q)}`);
      expect(res.items[0]?.id, q).toBe(p.id);
      expect(res.facets.categories.find((c: any) => c.id === knitwear.id)?.count, q).toBeGreaterThan(0);
      expect(
        res.facets.priceBuckets.reduce((n: number, b: any) => n + b.count, 0),
        q,
      ).toBe(res.facets.inStock.true + res.facets.inStock.false);
    }
    expect((await list('q=zzzqqqxxx')).items).toEqual([]);
  });

  it('answers with an ETag, a 304 for If-None-Match, and a fresh body after a change', async () => {
    const p = await makeProduct('Etag Mittens', { price: 2500, stock: 4, variants: 1 });
    // Settled: price and stock both arrived, so the page stops changing.
    const first = await eventually(
      async () => {
        const r = await app.request('GET', `/store/products/${p.id}`);
        return r.statusCode === 200 && r.json().inStock ? r : undefined;
      },
      5000,
      20,
    );
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await app.request('GET', `/store/products/${p.id}`, { headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await announcePrice(app, p.variants[0].id, 'EUR', 1999);
    const fresh = await eventually(
      async () => {
        const r = await app.request('GET', `/store/products/${p.id}`, { headers: { 'if-none-match': etag } });
        return r.statusCode === 200 && r.json().variants[0].price.amount === 1999 ? r : undefined;
      },
      5000,
      30,
    );
    expect(fresh.json().variants[0].price.amount).toBe(1999);
    expect(fresh.headers.etag).not.toBe(etag);
  });

  it('a sale that leaves a variant in stock leaves its product untouched; selling the last one flips it', async () => {
    const p = await makeProduct('Stock Beanie', { price: 1500, stock: 4, variants: 1 });
    const settled = await eventually(
      async () => {
        const r = await app.request('GET', `/store/products/${p.id}`);
        return r.statusCode === 200 && r.json().inStock ? r : undefined;
      },
      5000,
      20,
    );
    const etag = settled.headers.etag as string;
    const stock = (available: number, sequence: number) =>
      publishAs(app, 'inventory', StockChanged, {
        variantId: p.variants[0].id,
        available,
        inStock: available > 0,
        sequence,
      });
    // (xmin: the row version; a product rewritten, even to the same values, gets a new one)
    const version = async () =>
      (await app.db.query('select xmin::text as v from product.products where id = $1', [p.id]))[0].v;
    const before = await version();
    await handledBy(app, 'product', (await stock(3, 900_001)).id);
    expect(await version()).toBe(before);
    expect(
      (await app.request('GET', `/store/products/${p.id}`, { headers: { 'if-none-match': etag } })).statusCode,
    ).toBe(304);
    await handledBy(app, 'product', (await stock(0, 900_002)).id);
    const gone = await eventually(
      async () => {
        const r = await app.request('GET', `/store/products/${p.id}`, { headers: { 'if-none-match': etag } });
        return r.statusCode === 200 && !r.json().inStock ? r : undefined;
      },
      5000,
      20,
    );
    expect(gone.json().variants[0].inStock).toBe(false);
  });

  it('publishes product events with increasing versions, each checked against the contract', async () => {
    const p = await makeProduct('Evented Vest', { variants: 1 });
    await app.request('PATCH', `/admin/products/${p.id}`, { token: admin, body: { title: 'Evented Vest II' } });
    await app.request('DELETE', `/admin/products/${p.id}`, { token: admin });
    // One copy per subscribed queue; distinct on the event id gives the events themselves.
    const events = await app.db.query(
      `select distinct on (data->>'id') data->>'name' as name, (data->'payload'->>'version')::int as version
       from pgboss.job where data->'payload'->>'productId' = $1 order by data->>'id'`,
      [p.id],
    );
    expect(events.map((e) => [e.name, e.version])).toEqual([
      ['product.created.v1', 1],
      ['product.updated.v1', 2],
      ['product.deleted.v1', 3],
    ]);
    expect((await app.request('GET', `/admin/products/${p.id}`, { token: admin })).statusCode).toBe(404);
  });
});
