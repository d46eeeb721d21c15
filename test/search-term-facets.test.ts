import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { announcePrice, announceStock, sku } from './helpers/catalog.ts';
import { termFacetFillsSettled } from '../src/modules/product/use-cases/fill-term-facets.ts';

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
      // the counts just read are kept (after the answer) for the next search: read them again from the rows
      await termFacetFillsSettled();
      expect((await search(`q=${q}`)).facets, q).toEqual(counted.facets);
      await termFacetFillsSettled();
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
      await termFacetFillsSettled();
      expect(await keptTerms()).toEqual([]);
      await writer.query('commit');
      expect((await search('q=scarf')).facets).toEqual(open.facets);
      await termFacetFillsSettled();
      expect(await keptTerms()).toContain('scarf');
    } finally {
      await writer.end();
    }
  });

  it('a failed fill leaves the search answered', async () => {
    await app.db.query('delete from product.term_facets');
    // every fill's insert now fails (existing rows are not checked)
    await app.db.query('alter table product.term_facets add constraint no_fill check (false) not valid');
    try {
      const kept = await search('q=scarf');
      await termFacetFillsSettled();
      expect(kept.facets).toEqual((await search('q=scarf&minPrice=0')).facets);
      expect(await keptTerms()).toEqual([]);
    } finally {
      await app.db.query('alter table product.term_facets drop constraint no_fill');
    }
  });

  /** Kept counts of every query, then a raw write of the postings: both paths must still agree. */
  const keptThen = async (write: string, params: unknown[] = []) => {
    for (const q of queries) {
      await search(`q=${q}`);
      await termFacetFillsSettled();
    }
    expect(await keptTerms()).toContain('merino');
    await app.db.query(write, params);
    await compare();
  };

  it("an update that moves a posting to another term or product marks both sides' counts stale", async () => {
    const [{ product_id: moved }] = await app.db.query<{ product_id: string }>(
      `select product_id from product.search_postings where term = 'merino' and in_stock order by product_id limit 1`,
    );
    await keptThen(`update product.search_postings set term = 'zzmoved' where term = 'merino' and product_id = $1`, [
      moved,
    ]);
    const [{ product_id: other }] = await app.db.query<{ product_id: string }>(
      `select product_id from product.search_postings where term = 'scarf' order by product_id limit 1`,
    );
    await keptThen(
      `update product.search_postings set product_id = '00000000-0000-7000-8000-00000000abcd' where term = 'scarf' and product_id = $1`,
      [other],
    );
  });

  it('two writers sharing terms (a diff of one product, a stock flip of another) do not deadlock', async () => {
    const [a, b] = ['00000000-0000-7000-8000-0000000000a1', '00000000-0000-7000-8000-0000000000b1'];
    const terms = ['dlapple', 'dlmango', 'dlzebra'];
    const posting = `(product_id, term, score, in_stock, category_ids, min_prices)`;
    const clients = [0, 1, 2].map(() => new pg.Client({ connectionString: app.db.url }));
    const [diff, flip, gate] = clients;
    await Promise.all(clients.map((c) => c.connect()));
    /** Both writers waiting for a lock, or done (with no row lock of theirs, nothing blocks them). */
    const lined = async (done: () => boolean) => {
      for (let t = 0; t < 200 && !done(); t++) {
        const [{ n }] = await app.db.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where pid = any($1) and wait_event_type = 'Lock'`,
          [[diff, flip].map((c) => (c as unknown as { processID: number }).processID)],
        );
        if (n === 2) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    try {
      for (let i = 0; i < 20; i++) {
        // a has apple and mango, b mango and zebra, and each term has kept counts
        await app.db.query(`delete from product.search_postings where product_id = any($1)`, [[a, b]]);
        await app.db.query(
          `insert into product.search_postings ${posting} values
            ($1, 'dlapple', 1, true, '{}', '{"EUR": 100}'), ($1, 'dlmango', 1, true, '{}', '{"EUR": 100}'),
            ($2, 'dlmango', 1, true, '{}', '{"EUR": 100}'), ($2, 'dlzebra', 1, true, '{}', '{"EUR": 100}')`,
          [a, b],
        );
        await app.db.query(
          `insert into product.term_facets (term, currency, edges, matches, categories, buckets, in_stock, out_of_stock)
           select t, 'EUR', '{}', 1, '{}', '{}', 1, 0 from unnest($1::text[]) t on conflict do nothing`,
          [terms],
        );
        await app.db.query('delete from product.term_facets_stale where term = any($1)', [terms]);
        // the read models' diff of a (one statement: UPDATE apple, INSERT zebra, DELETE mango) against
        // a stock flip of b (mango, zebra), each in its transaction; a third session holding mango's
        // kept row (as another writer would) lines them up where the row locks were taken
        await gate.query('begin');
        await gate.query(`select 1 from product.term_facets where term = 'dlmango' for update`);
        let settled = 0;
        const writes = [
          diff.query(
            `with gone as (delete from product.search_postings where product_id = $1 and term = 'dlmango')
             insert into product.search_postings as sp ${posting} values
               ($1, 'dlapple', 1, false, '{}', '{"EUR": 100}'), ($1, 'dlzebra', 1, false, '{}', '{"EUR": 100}')
             on conflict (product_id, term) do update set in_stock = excluded.in_stock
             where sp.in_stock is distinct from excluded.in_stock`,
            [a],
          ),
          flip.query(`update product.search_postings set in_stock = not in_stock where product_id = $1`, [b]),
        ].map((w) => w.finally(() => settled++));
        await lined(() => settled === 2);
        await gate.query('commit');
        await Promise.all(writes);
      }
      // every changed term's counts are stale
      const stale = await app.db.query<{ term: string }>(
        'select distinct term from product.term_facets_stale where term = any($1) order by term',
        [terms],
      );
      expect(stale.map((r) => r.term)).toEqual(terms);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
      await app.db.query(`delete from product.search_postings where product_id = any($1)`, [[a, b]]);
    }
  });

  it('a truncate of the postings marks every kept count stale', async () => {
    await keptThen('truncate product.search_postings');
  });
});
