import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFloor, loadRelevanceSet, scoreRelevance } from '../bench/relevance/set.ts';
import { seedRelevanceShop, storeTopTen } from '../bench/relevance/shop.ts';
import { startTestApp, type TestApp } from './helpers/app.ts';

/**
 * The relevance set (bench/relevance/queries.json, 257 queries over the first 200 demo products)
 * against the Postgres backend: recall@5 and MRR may not fall below the floor recorded in
 * bench/relevance/floor.json (docs/adr/0091). `npm run bench:relevance` prints the same figures
 * per kind of query, and for Meilisearch too when MEILI_URL is set.
 */
describe('search relevance on the demo catalog (postgres)', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Only the modules the seed talks to: fewer queues for the bus to serve while it runs.
    app = await startTestApp({ MODULES: 'user,product,pricing,inventory', CATALOG_CACHE_SECONDS: 0 });
    await seedRelevanceShop(app);
  }, 900_000);
  afterAll(() => app?.stop());

  it.each([true, false])(
    'holds recall@5 and MRR at or above the recorded floor, overall and on two-edit misspellings (facets %s)',
    async (facets) => {
      // with facets ranked through the search documents, without through the postings (ADR 0101)
      const scores = await scoreRelevance(loadRelevanceSet(), storeTopTen(app, facets));
      const floor = loadFloor();
      for (const kind of ['all', 'typo-2'] as const) {
        expect(scores[kind].queries, kind).toBe(floor[kind].queries);
        expect(scores[kind].recallAt5, `${kind} recall@5 ${JSON.stringify(scores)}`).toBeGreaterThanOrEqual(
          floor[kind].recallAt5,
        );
        expect(scores[kind].mrr, `${kind} MRR`).toBeGreaterThanOrEqual(floor[kind].mrr);
      }
    },
    120_000,
  );
});
