import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { announcePrice, announceStock, sku } from './helpers/catalog.ts';

/**
 * Facet counts kept per (term, currency) (docs/adr/0130): an unfiltered single-word search reads
 * them, a filtered one counts its matches as before. `minPrice=0` filters nothing (prices are not
 * negative) but takes the counting path, so the two answers must be the same after every kind of
 * catalog change, each made while the terms' counts are kept.
 */
describe('facet counts kept per term', () => {
  let app: TestApp;
  let admin: string;
  const queries = ['merino', 'merinos', 'swea', 'sweater', 'sweter', 'scarf', 'merin'];
  const search = async (query: string) => {
    const res = await app.request('GET', `/store/products?${query}&limit=2`);
    expect(res.statusCode, res.body).toBe(200);
    const { items, facets, nextCursor } = res.json();
    return { ids: items.map((p: { id: string }) => p.id), facets, nextCursor };
  };
  /** Every query: the kept path's answer against the counting path's; returns the counts of the first. */
  const compare = async () => {
    for (const q of queries) {
      const kept = await search(`q=${q}`);
      const counted = await search(`q=${q}&minPrice=0`);
      expect(kept.facets, q).toEqual(counted.facets);
      expect(kept.ids, q).toEqual(counted.ids);
      // the counts just read are kept for the next search: read them again from the rows
      expect((await search(`q=${q}`)).facets, q).toEqual(counted.facets);
    }
    return (await search('q=merino&minPrice=0')).facets;
  };
  const keptTerms = async () =>
    (await app.db.query<{ term: string }>('select term from product.term_facets order by term')).map((r) => r.term);
  const create = async (title: string, categoryIds: string[], amount: number) => {
    const res = await app.request('POST', '/admin/products', {
      token: admin,
      body: { status: 'published', title, categoryIds, variants: [{ sku: sku('TF'), title: 'One size' }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    await announcePrice(app, p.variants[0].id, 'EUR', amount);
    await announceStock(app, p.variants[0].id, 5);
    // both projected, so each change below is one change of the counts
    await eventually(
      async () => {
        const [row] = await app.db.query(
          'select in_stock, min_prices from product.search_postings where product_id = $1 limit 1',
          [p.id],
        );
        return row?.in_stock && row.min_prices.EUR === amount;
      },
      5000,
      20,
    );
    return p as { id: string; variants: { id: string }[] };
  };
  /** After a change, once the counting path shows it: both paths agree, and the counts moved. */
  const changed = async (before: unknown) => {
    await eventually(
      async () => JSON.stringify((await search('q=merino&minPrice=0')).facets) !== JSON.stringify(before),
      5000,
      20,
    );
    return compare();
  };

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product', CATALOG_CACHE_SECONDS: 0 });
    admin = await adminToken(app);
  });
  afterAll(() => app?.stop());

  it('reads the same counts as counting the matches, through every change of the matches', async () => {
    const cat = async (name: string) =>
      (await app.request('POST', '/admin/categories', { token: admin, body: { name } })).json().id as string;
    const [knit, acc, wool] = [await cat('Knitwear'), await cat('Accessories'), await cat('Wool')];
    const sweater = await create('Merino Sweater', [knit, wool], 3000);
    // a product in two terms of one group (merino and merinos both start with "merin")
    const both = await create('Merino Merinos Sweater', [knit], 8000);
    const scarf = await create('Merino Scarf', [acc, wool], 12000);
    await create('Merinos Wrap', [acc], 26000);
    // several spellings: swaeter is one edit from sweater
    const swaeter = await create('Swaeter Merino', [wool], 5000);
    await eventually(async () => (await search('q=merino&minPrice=0')).facets.inStock.true === 5, 5000, 20);
    let counts = await compare();
    expect(await keptTerms()).toEqual(expect.arrayContaining(['merino', 'merinos', 'sweater', 'scarf']));

    const patch = async (id: string, body: Record<string, unknown>) =>
      expect((await app.request('PATCH', `/admin/products/${id}`, { token: admin, body })).statusCode).toBe(200);
    const changes: [string, () => Promise<unknown>][] = [
      ['a price change (another bucket)', () => announcePrice(app, scarf.variants[0].id, 'EUR', 2000)],
      ['a stock change', () => announceStock(app, sweater.variants[0].id, 0)],
      ['a category change', () => patch(both.id, { categoryIds: [acc] })],
      ['an edit that removes a word', () => patch(swaeter.id, { title: 'Swaeter Cotton' })],
      ['a new product holding a kept term', () => create('Merino Beanie', [acc], 1500)],
      ['a delete', () => app.request('DELETE', `/admin/products/${both.id}`, { token: admin })],
    ];
    for (const [change, make] of changes) {
      expect(await keptTerms(), change).toContain('merino');
      await make();
      counts = await changed(counts);
    }
    expect(counts.inStock.true + counts.inStock.false).toBeGreaterThan(0);
  });

  it('keeps no counts while a transaction that wrote postings is open', async () => {
    await app.db.query('delete from product.term_facets');
    // what the postings' trigger holds from a write until its commit
    const writer = new pg.Client({ connectionString: app.db.url });
    await writer.connect();
    try {
      await writer.query('begin');
      await writer.query(`select pg_advisory_xact_lock_shared('product.term_facets'::regclass::oid::int, 0)`);
      const open = await search('q=scarf');
      expect(await keptTerms()).toEqual([]);
      await writer.query('commit');
      expect((await search('q=scarf')).facets).toEqual(open.facets);
      expect(await keptTerms()).toContain('scarf');
    } finally {
      await writer.end();
    }
  });
});
