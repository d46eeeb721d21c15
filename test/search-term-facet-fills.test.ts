import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.ts';
import { termFacetFillsSettled } from '../src/modules/product/use-cases/fill-term-facets.ts';

type TermFacets = typeof import('../src/modules/product/entities/term-facets.ts');

/** The fills the searches start, held at a gate before they count, so the caps can be seen. */
const fills = vi.hoisted(() => {
  let release = () => {};
  const state = {
    started: [] as string[],
    gate: Promise.resolve(),
    close() {
      state.gate = new Promise<void>((r) => (release = r));
    },
    open: () => release(),
  };
  return state;
});

vi.mock('../src/modules/product/entities/term-facets.ts', async (importOriginal) => {
  const real = await importOriginal<TermFacets>();
  return {
    ...real,
    keepTermFacets: async (...args: Parameters<TermFacets['keepTermFacets']>) => {
      fills.started.push(args[1].word);
      await fills.gate;
      return real.keepTermFacets(...args);
    },
  };
});

/**
 * The fills of kept facet counts (docs/adr/0130) are capped: at most two at once, one per word at
 * a time, none for a group of more than FILL_MAX_TERMS terms (a short typed start). Each cap
 * removed fails a test here.
 */
describe('fills of kept facet counts', () => {
  let app: TestApp;
  const product = '00000000-0000-7000-8000-00000000f111';
  const post = (terms: string[]) =>
    app.db.query(
      `insert into product.search_postings (product_id, term, score, in_stock, category_ids, min_prices)
       select $1, t, 1, true, '{}', '{"EUR": 100}' from unnest($2::text[]) t`,
      [product, terms],
    );
  const search = async (q: string) => {
    const res = await app.request('GET', `/store/products?q=${q}&facets=true&currency=EUR&limit=2`);
    expect(res.statusCode, res.body).toBe(200);
  };
  const keptTerms = async () =>
    (await app.db.query<{ term: string }>('select term from product.term_facets order by term')).map((r) => r.term);

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product', CATALOG_CACHE_SECONDS: 0 });
  });
  afterAll(async () => {
    fills.open();
    await termFacetFillsSettled();
    await app?.stop();
  });

  it('runs at most two fills at once, and one per word', async () => {
    await post(['qzwombat', 'qzquokka', 'qzdingo']);
    fills.started = [];
    fills.close();
    try {
      await search('qzwombat');
      await search('qzwombat'); // under way: not asked again
      await search('qzquokka');
      await search('qzdingo'); // two running: skipped
      expect(fills.started).toEqual(['qzwombat', 'qzquokka']);
    } finally {
      fills.open();
      await termFacetFillsSettled();
    }
    // a skipped word is filled by a later search of it
    await search('qzdingo');
    await termFacetFillsSettled();
    expect(fills.started).toEqual(['qzwombat', 'qzquokka', 'qzdingo']);
    expect(await keptTerms()).toContain('qzdingo');
  });

  it('fills no group of more than 8 terms', async () => {
    const terms = 'abcdefghi'.split('').map((c) => `qzcap${c}`);
    await post(terms);
    fills.started = [];
    await search('qzcap');
    await termFacetFillsSettled();
    expect(fills.started).toEqual([]);
    // and keepTermFacets itself counts none when asked
    const { keepTermFacets } = await vi.importActual<TermFacets>('../src/modules/product/entities/term-facets.ts');
    await keepTermFacets(app.platform.orm.em.fork(), { word: 'qzcap', terms: [], prefix: true }, 'EUR');
    expect((await keptTerms()).filter((t) => t.startsWith('qzcap'))).toEqual([]);
    // eight are filled, one term per fill
    await app.db.query(`delete from product.search_postings where product_id = $1 and term = 'qzcapi'`, [product]);
    await search('qzcap');
    await termFacetFillsSettled();
    expect(fills.started).toEqual(['qzcap']);
    expect((await keptTerms()).filter((t) => t.startsWith('qzcap'))).toHaveLength(1);
  });
});
