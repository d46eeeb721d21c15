import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Meilisearch } from 'meilisearch';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { announcePrice, announceStock, createPricedBatches, sku } from './helpers/catalog.ts';

/**
 * One search suite, every backend: Postgres full-text + pg_trgm always; Meilisearch when
 * MEILI_URL points at one (it cannot run on this machine, so CI here covers Postgres).
 */
const backends: [string, Record<string, string>][] = [['postgres', {}]];
if (process.env.MEILI_URL)
  backends.push([
    'meilisearch',
    { MEILI_URL: process.env.MEILI_URL, ...(process.env.MEILI_KEY ? { MEILI_KEY: process.env.MEILI_KEY } : {}) },
  ]);

describe.each(backends)('search on %s', (backend, settings) => {
  let app: TestApp;
  let admin: string;
  const products: Record<string, any> = {};
  const search = async (query: string) => {
    const res = await app.request('GET', `/store/products?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const ids = async (query: string) => (await search(query)).items.map((p: any) => p.id);

  /** Breaks the index behind the catalog's back, as a lost event or a restore would. */
  async function breakIndex() {
    if (backend === 'postgres') await app.db.query('update product.products set search = null, indexed_version = 0');
    else
      await new Meilisearch({ host: settings.MEILI_URL, apiKey: settings.MEILI_KEY })
        .index('products')
        .deleteAllDocuments()
        .waitTask();
  }

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product', ...settings });
    admin = await adminToken(app);
    const shoes = (await app.request('POST', '/admin/categories', { token: admin, body: { name: 'Shoes' } })).json();
    const bags = (await app.request('POST', '/admin/categories', { token: admin, body: { name: 'Bags' } })).json();
    const make = async (title: string, categoryId: string, price: number, stock: number) => {
      const p = (
        await app.request('POST', '/admin/products', {
          token: admin,
          body: { title, status: 'published', categoryIds: [categoryId], variants: [{ sku: sku() }] },
        })
      ).json();
      await announcePrice(app, p.variants[0].id, 'EUR', price);
      await announceStock(app, p.variants[0].id, stock);
      products[title] = p;
      return p;
    };
    await make('Leather Chelsea Boots', shoes.id, 18900, 4);
    await make('Canvas Sneakers', shoes.id, 6900, 0);
    await make('Leather Tote Bag', bags.id, 24900, 2);
    await make('Waxed Canvas Backpack', bags.id, 12900, 7);
    await eventually(async () => (await ids('q=canvas')).length === 2, 10_000, 50);
    // Stock reaches the catalog through a polled projection (a background queue): wait for it too.
    await eventually(
      async () =>
        (await ids('q=leather&inStock=true')).length === 2 && (await ids('q=canvas&inStock=true')).length === 1,
      10_000,
      50,
    );
  });
  afterAll(() => app?.stop());

  it('finds by words, by misspelt words, by SKU, case-insensitively', async () => {
    expect(await ids('q=chelsea')).toEqual([products['Leather Chelsea Boots'].id]);
    expect((await ids('q=chelsae%20boots'))[0]).toBe(products['Leather Chelsea Boots'].id);
    expect((await ids('q=sneekers'))[0]).toBe(products['Canvas Sneakers'].id);
    expect((await ids('q=BACKPACK'))[0]).toBe(products['Waxed Canvas Backpack'].id);
    expect((await ids(`q=${products['Leather Tote Bag'].variants[0].sku}`))[0]).toBe(products['Leather Tote Bag'].id);
    expect(await ids('q=umbrella')).toEqual([]);
  });

  it('combines a query with filters and sorts, and counts facets', async () => {
    const leather = await search('q=leather&sort=price_asc');
    expect(leather.items.map((p: any) => p.title)).toEqual(['Leather Chelsea Boots', 'Leather Tote Bag']);
    expect(leather.facets.categories.map((c: any) => c.count).reduce((a: number, b: number) => a + b, 0)).toBe(2);
    expect(leather.facets.inStock).toEqual({ true: 2, false: 0 });
    const canvas = await search('q=canvas&inStock=true');
    expect(canvas.items.map((p: any) => p.title)).toEqual(['Waxed Canvas Backpack']);
    const cheap = await search('q=canvas&maxPrice=10000');
    expect(cheap.items.map((p: any) => p.title)).toEqual(['Canvas Sneakers']);
    const all = await search('q=canvas');
    const bucketTotal = all.facets.priceBuckets.reduce((n: number, b: any) => n + b.count, 0);
    expect(bucketTotal).toBe(2);
    expect(all.facets.priceBuckets.find((b: any) => b.min === 5000).count).toBe(1); // 69.00 EUR
  });

  it('follows price and stock changes within a second', async () => {
    const boots = products['Leather Chelsea Boots'];
    await announceStock(app, boots.variants[0].id, 0);
    const started = Date.now();
    await eventually(async () => (await search('q=chelsea&inStock=false')).items.length === 1, 5000, 20);
    expect(Date.now() - started).toBeLessThan(1000);
    await announcePrice(app, boots.variants[0].id, 'EUR', 9900);
    await eventually(async () => (await search('q=chelsea')).items[0]?.priceRange.min === 9900, 5000, 20);
    // price filters and facets of a search follow the new price too
    expect(await ids('q=chelsea&maxPrice=10000')).toEqual([boots.id]);
    expect(await ids('q=chelsea&minPrice=10000')).toEqual([]);
    // no price left in a currency: out of that currency's results; priced again: back
    await announcePrice(app, boots.variants[0].id, 'EUR', null);
    await eventually(async () => (await ids('q=chelsea')).length === 0, 5000, 20);
    await announcePrice(app, boots.variants[0].id, 'EUR', 18900);
    await eventually(async () => (await ids('q=chelsea&minPrice=10000')).includes(boots.id), 5000, 20);
  });

  it('an unpublished product leaves the results', async () => {
    const tote = products['Leather Tote Bag'];
    await app.request('PATCH', `/admin/products/${tote.id}`, { token: admin, body: { status: 'draft' } });
    await eventually(async () => !(await ids('q=tote')).includes(tote.id), 5000, 20);
    await app.request('PATCH', `/admin/products/${tote.id}`, { token: admin, body: { status: 'published' } });
    await eventually(async () => (await ids('q=tote')).includes(tote.id), 5000, 20);
  });

  it('reconciliation finds and repairs drift; a rebuild re-indexes everything', async () => {
    await breakIndex();
    await app.request('POST', '/admin/search/reconcile', { token: admin }); // also drops cached results
    const reconciled = await app.request('POST', '/admin/search/reconcile', { token: admin });
    expect(reconciled.json()).toMatchObject({ backend, repaired: 0 }); // the first call repaired everything
    expect(await ids('q=backpack')).toEqual([products['Waxed Canvas Backpack'].id]);
    if (backend === 'postgres') {
      // the prices a search reads from each product's row, lost: found and rebuilt too
      await app.db.query(`update product.products set min_prices = '{}'`);
      const prices = await app.request('POST', '/admin/search/reconcile', { token: admin });
      expect(prices.json().repaired).toBeGreaterThanOrEqual(4);
      expect(await ids('q=backpack')).toEqual([products['Waxed Canvas Backpack'].id]);
    }
    await breakIndex();
    const first = await app.request('POST', '/admin/search/reconcile', { token: admin });
    expect(first.json().repaired).toBeGreaterThanOrEqual(4);
    const rebuilt = await app.request('POST', '/admin/search/rebuild', { token: admin });
    expect(rebuilt.json()).toMatchObject({ backend, indexed: 4 });
    expect(await ids('q=sneakers')).toEqual([products['Canvas Sneakers'].id]);
    const customer = await app.request('POST', '/admin/search/rebuild', {
      token: (await registerCustomer(app)).token,
    });
    expect(customer.statusCode).toBe(403);
  });

  it('pages through every match of a broad search once, titles holding the word first', async () => {
    // More matches than the Postgres backend rescores (128): paging must go on past them.
    const batch = (from: number) =>
      Array.from({ length: 70 }, (_, k) => {
        const n = from + k;
        return n % 3 === 0
          ? { title: `Harbour Lantern ${n}`, status: 'published', variants: [{ sku: sku('LNT') }] }
          : {
              title: `Harbour Hook ${n}`,
              subtitle: 'hangs a lantern',
              status: 'published',
              variants: [{ sku: sku('LNT') }],
            };
      });
    const made = await createPricedBatches(app, admin, [batch(0), batch(70)], 1500);
    const total = async () => {
      const { facets } = await search('q=lantern&limit=1');
      return facets.inStock.true + facets.inStock.false;
    };
    await eventually(async () => (await total()) === 140, 20_000, 100);
    const seen: string[] = [];
    const first = await search('q=lantern&limit=40');
    expect(first.items.slice(0, 40).every((p: any) => p.title.includes('Lantern'))).toBe(true); // 47 of them
    let cursor = first.nextCursor;
    seen.push(...first.items.map((p: any) => p.id));
    while (cursor) {
      const next = await search(`q=lantern&limit=40&cursor=${cursor}`);
      seen.push(...next.items.map((p: any) => p.id));
      cursor = next.nextCursor;
    }
    expect(seen.length).toBe(140);
    expect(new Set(seen)).toEqual(new Set(made.map((p: any) => p.id)));
  });
});
