/**
 * Relevance of the store search: the set in bench/relevance/queries.json (over the first 200
 * demo products) through GET /store/products?q=, per backend: Postgres always, Meilisearch when
 * MEILI_URL (and MEILI_KEY) is set. Prints recall@5 and MRR per kind of query.
 *
 *   npm run bench:relevance     (a throwaway database on BENCH_DATABASE_URL's server; ~1-3 min)
 */
import { boot, type Tessera } from '../src/platform/host/boot.ts';
import { createBenchDatabase } from './lib.ts';
import { loadRelevanceSet, scoreRelevance, type Scores } from './relevance/set.ts';
import { seedRelevanceShop, staffToken, storeTopTen } from './relevance/shop.ts';

const set = loadRelevanceSet();
const db = await createBenchDatabase();
const settings = {
  DATABASE_URL: db.url,
  SEED_DEMO: false,
  LOG_LEVEL: 'warn' as const,
  RATE_LIMITS: '*.*=off',
  CATALOG_CACHE_SECONDS: 0,
};
const results: Record<string, Record<string, Scores>> = {};
let app: Tessera | undefined;
try {
  app = await boot({ env: {}, overrides: settings });
  console.log(`seeding ${db.name} ...`);
  await seedRelevanceShop(app);
  results.postgres = await scoreRelevance(set, storeTopTen(app));
  results['postgres, no facets'] = await scoreRelevance(set, storeTopTen(app, false));
  await app.close();
  app = undefined;
  if (process.env.MEILI_URL) {
    app = await boot({
      env: {},
      overrides: { ...settings, MEILI_URL: process.env.MEILI_URL, MEILI_KEY: process.env.MEILI_KEY },
    });
    const token = await staffToken(app);
    const rebuilt = await app.app.inject({
      method: 'POST',
      url: '/admin/search/rebuild',
      headers: { authorization: `Bearer ${token}` },
    });
    if (rebuilt.statusCode !== 200) throw new Error(`rebuild answered ${rebuilt.statusCode}`);
    results.meilisearch = await scoreRelevance(set, storeTopTen(app));
  }
} finally {
  await app?.close();
  await db.drop();
}

const kinds = Object.keys(results.postgres);
console.log(`\n${set.length} queries over 200 demo products; recall@5 / MRR`);
console.log(['kind'.padEnd(14), 'queries', ...Object.keys(results).map((b) => b.padStart(18))].join(' '));
for (const k of kinds)
  console.log(
    [
      k.padEnd(14),
      String(results.postgres[k].queries).padStart(7),
      ...Object.values(results).map((r) => `${r[k].recallAt5.toFixed(3)} / ${r[k].mrr.toFixed(3)}`.padStart(18)),
    ].join(' '),
  );
