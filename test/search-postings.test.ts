import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { announcePrice, announceStock, createPricedBatches, sku } from './helpers/catalog.ts';

/**
 * The Postgres search's inverted index, product.search_postings (docs/adr/0101): kept with every
 * catalog write, through the admin API, and repaired by reconciliation when it drifts.
 */
describe('search postings', () => {
  let app: TestApp;
  let admin: string;
  const ids = async (query: string) => {
    const res = await app.request('GET', `/store/products?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((p: any) => p.id) as string[];
  };
  const postings = async (productId: string) =>
    Object.fromEntries(
      (
        await app.db.query<{ term: string; score: number }>(
          'select term, score from product.search_postings where product_id = $1',
          [productId],
        )
      ).map((r) => [r.term, Number(r.score)]),
    );
  const create = async (body: Record<string, unknown>) => {
    const res = await app.request('POST', '/admin/products', {
      token: admin,
      body: { status: 'published', variants: [{ sku: sku('PST') }], ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    await announcePrice(app, p.variants[0].id, 'EUR', 2500);
    return p;
  };

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product' });
    admin = await adminToken(app);
  });
  afterAll(() => app?.stop());

  it('holds each word of a published product, scored by where it occurs, and follows edits', async () => {
    const knit = (await app.request('POST', '/admin/categories', { token: admin, body: { name: 'Knitwear' } })).json();
    const p = await create({
      title: 'Alpaca Cardigan',
      subtitle: 'soft',
      description: 'warm alpaca yarn',
      categoryIds: [knit.id],
    });
    const words = await postings(p.id);
    expect(words).toMatchObject({ alpaca: 1, cardigan: 1, soft: 0.4, knitwear: 0.4, warm: 0.1, yarn: 0.1 });
    expect(words.pst).toBeCloseTo(0.2); // the SKU's parts, as the text-search parser split them
    await eventually(async () => (await ids('q=cardigan')).includes(p.id), 5000, 20);
    expect(await ids('q=alp&facets=false')).toContain(p.id); // a typed start
    expect(await ids('q=yarn%20cardigan&facets=false')).toEqual([p.id]); // every word (the documents' index)

    await app.request('PATCH', `/admin/products/${p.id}`, { token: admin, body: { title: 'Alpaca Jumper' } });
    // the old title word keeps only what else holds it (the variant's title, which the create copied)
    expect((await postings(p.id)).cardigan ?? 0).toBeLessThan(1);
    expect((await postings(p.id)).jumper).toBe(1);
    expect(await ids('q=jumper&facets=false')).toEqual([p.id]);

    await app.request('PATCH', `/admin/products/${p.id}`, { token: admin, body: { status: 'draft' } });
    expect(await postings(p.id)).toEqual({});
    expect(await ids('q=jumper&facets=false')).toEqual([]);
    await app.request('PATCH', `/admin/products/${p.id}`, { token: admin, body: { status: 'published' } });
    expect(await ids('q=jumper&facets=false')).toEqual([p.id]);

    // a renamed category re-indexes its products
    await app.request('PATCH', `/admin/categories/${knit.id}`, { token: admin, body: { name: 'Sweaters' } });
    expect((await postings(p.id)).sweaters).toBe(0.4);

    const deleted = await app.request('DELETE', `/admin/products/${p.id}`, { token: admin });
    expect(deleted.statusCode).toBe(204);
    expect(await postings(p.id)).toEqual({});
  });

  it('carries the stock and cheapest price a search filters and counts by, following their events', async () => {
    const p = await create({ title: 'Copper Kettle' });
    const attributes = async () =>
      (
        await app.db.query('select distinct in_stock, min_prices from product.search_postings where product_id = $1', [
          p.id,
        ])
      ).map((r) => ({ inStock: r.in_stock, minPrices: r.min_prices }));
    await eventually(async () => (await attributes())[0]?.minPrices.EUR === 2500, 5000, 20);
    await announcePrice(app, p.variants[0].id, 'EUR', 1900);
    await eventually(async () => (await attributes())[0]?.minPrices.EUR === 1900, 5000, 20);
    expect(await attributes()).toHaveLength(1); // every posting of the product
    expect(await ids('q=kettle&maxPrice=2000&facets=false')).toEqual([p.id]);
    await announceStock(app, p.variants[0].id, 3);
    await eventually(async () => (await attributes())[0]?.inStock === true, 5000, 20);
    expect(await ids('q=kettle&inStock=true&facets=false')).toEqual([p.id]);
    await announceStock(app, p.variants[0].id, 0);
    await eventually(async () => (await attributes())[0]?.inStock === false, 5000, 20);
    expect(await ids('q=kettle&inStock=true&facets=false')).toEqual([]);
    await announcePrice(app, p.variants[0].id, 'EUR', null);
    await eventually(async () => (await attributes())[0]?.minPrices.EUR === undefined, 5000, 20);
    expect(await ids('q=kettle&facets=false')).toEqual([]);
  });

  it('an edit writes only the postings that changed, and they stay exactly what the document holds', async () => {
    const p = await create({ title: 'Walnut Organiser', description: 'solid walnut tray with three drawers' });
    await eventually(async () => (await postings(p.id)).walnut === 1, 5000, 20);
    await eventually(
      async () =>
        (
          await app.db.query('select 1 from product.search_postings where product_id = $1 and min_prices = $2', [
            p.id,
            { EUR: 2500 },
          ])
        ).length > 0,
      5000,
      20,
    );
    // Rows written to the postings, counted by a trigger on this test's own database.
    await app.db.query(`create table public.posting_writes (op text not null);
      create function public.count_posting_write() returns trigger language plpgsql as
        $$ begin insert into public.posting_writes values (tg_op); return null; end $$;
      create trigger count_posting_writes after insert or update or delete on product.search_postings
        for each row execute function public.count_posting_write()`);
    const writes = async () => {
      const rows = await app.db.query<{ op: string; n: number }>(
        'select op, count(*)::int as n from public.posting_writes group by op',
      );
      await app.db.query('truncate public.posting_writes');
      return Object.fromEntries(rows.map((r) => [r.op, r.n]));
    };
    const patch = async (body: Record<string, unknown>) => {
      const res = await app.request('PATCH', `/admin/products/${p.id}`, { token: admin, body });
      expect(res.statusCode, res.body).toBe(200);
    };
    const reconciled = async () => (await app.request('POST', '/admin/search/reconcile', { token: admin })).json();
    try {
      const before = await postings(p.id);
      expect(Object.keys(before).length).toBeGreaterThan(8);
      await patch({ description: 'solid walnut tray with four drawers' }); // one word changed
      expect(await writes()).toEqual({ DELETE: 1, INSERT: 1 });
      const { three: _, ...kept } = before;
      expect(await postings(p.id)).toEqual({ ...kept, four: 0.1 });

      await patch({ title: 'Walnut Organiser' }); // a save that changes no word
      expect(await writes()).toEqual({});

      await patch({ title: 'Walnut Tray Organiser' }); // a word moves up from the description
      expect(await writes()).toEqual({ UPDATE: 1 });
      expect((await postings(p.id)).tray).toBe(1);
      expect(await reconciled()).toMatchObject({ repaired: 0 });
    } finally {
      await app.db.query('drop trigger count_posting_writes on product.search_postings');
    }
  });

  it('drift (lost, stray or misscored postings) is found and repaired by reconciliation', async () => {
    const a = await create({ title: 'Driftwood Lamp' });
    const b = await create({ title: 'Driftwood Bowl' });
    const orphan = '00000000-0000-7000-8000-000000000001';
    await app.db.query('delete from product.search_postings where product_id = $1', [a.id]);
    await app.db.query(`update product.search_postings set score = 0.1 where product_id = $1 and term = 'bowl'`, [
      b.id,
    ]);
    await app.db.query(
      `insert into product.search_postings (product_id, term, score, in_stock, category_ids, min_prices)
       values ($1, 'driftwood', 1, true, '{}', '{"EUR": 100}')`,
      [orphan],
    );
    const c = await create({ title: 'Driftwood Stool' });
    await eventually(async () => (await ids('q=stool&facets=false')).includes(c.id), 5000, 20); // priced
    await app.db.query(`update product.search_postings set min_prices = '{}' where product_id = $1`, [c.id]);
    const res = await app.request('POST', '/admin/search/reconcile', { token: admin });
    expect(res.json().repaired).toBeGreaterThanOrEqual(4);
    expect((await postings(a.id)).lamp).toBe(1);
    expect((await postings(b.id)).bowl).toBe(1);
    expect(await postings(orphan)).toEqual({});
    expect((await ids('q=driftwood&facets=false')).sort()).toEqual([a.id, b.id, c.id].sort());
    const again = await app.request('POST', '/admin/search/reconcile', { token: admin });
    expect(again.json().repaired).toBe(0);
  });

  it('pages through every match past the rescoring window once, with or without facets', async () => {
    const batch = (from: number) =>
      Array.from({ length: 70 }, (_, k) => ({
        title: k % 4 === 0 ? `Meadow Kite ${from + k}` : `Meadow Spool ${from + k}`,
        ...(k % 4 === 0 ? {} : { subtitle: 'string for a kite' }),
        status: 'published',
        variants: [{ sku: sku('KTE') }],
      }));
    const made = await createPricedBatches(app, admin, [batch(0), batch(70)], 1500);
    const total = async () => {
      const { facets } = (await app.request('GET', '/store/products?q=kite&limit=1')).json();
      return facets.inStock.true + facets.inStock.false;
    };
    await eventually(async () => (await total()) === 140, 20_000, 100);
    const titles = new Map<string, string>();
    const walk = async (facets: boolean, q = 'kite', limit = 30) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await app.request(
          'GET',
          `/store/products?q=${q}&limit=${limit}&facets=${facets}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        for (const p of res.json().items) titles.set(p.id, p.title);
        seen.push(...res.json().items.map((p: any) => p.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      return seen;
    };
    const plain = await walk(false);
    expect(plain.length).toBe(140);
    expect(new Set(plain)).toEqual(new Set(made.map((p) => p.id)));
    // titles holding the word first (35 of them)
    expect(plain.slice(0, 35).every((id) => titles.get(id)?.includes('Kite'))).toBe(true);
    // a single word with facets: the same postings, the same ranking, the window sized by the page
    expect(await walk(true)).toEqual(plain);
    // small pages: the best postings of each term, the window carried by the cursor (24 rescored)
    for (const facets of [false, true]) {
      const typed = await walk(facets, 'kit', 7);
      expect(typed.length).toBe(140);
      expect(new Set(typed)).toEqual(new Set(plain));
    }
    // several words: the search documents, with or without facets
    for (const facets of [false, true]) {
      const both = await walk(facets, 'meadow%20kite', 9);
      expect(both.length).toBe(140);
      expect(new Set(both)).toEqual(new Set(plain));
    }
    // one ranking for several words, so a cursor serves with or without facets, for the same next page
    const page = (facets: boolean, cursor?: string) =>
      app.request(
        'GET',
        `/store/products?q=meadow%20kite&limit=5&facets=${facets}${cursor ? `&cursor=${cursor}` : ''}`,
      );
    const several = (await page(false)).json();
    const crossedOver = await page(true, several.nextCursor);
    expect(crossedOver.statusCode).toBe(200);
    const second = (await page(true, (await page(true)).json().nextCursor)).json();
    expect(crossedOver.json().items.map((p: any) => p.id)).toEqual(second.items.map((p: any) => p.id));
    // a cursor from one ranking is refused by the other, and a forged one too: the shopper's mistake
    const { nextCursor } = (await app.request('GET', '/store/products?q=kite&limit=5&facets=false')).json();
    const crossed = await app.request('GET', `/store/products?q=meadow%20kite&limit=5&cursor=${nextCursor}`);
    expect(crossed.statusCode).toBe(400);
    const forged = await app.request('GET', '/store/products?q=kite&facets=false&cursor=bm9wZQ');
    expect(forged.statusCode).toBe(400);
    expect(forged.headers['content-type']).toContain('application/problem+json');
  }, 120_000); // 140 products written through the API: slow on a loaded machine
});
