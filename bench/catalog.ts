/**
 * Catalog benchmark on a 20,000-product shop: the store listing (with prices and stock), a
 * product page and a search, each at concurrency 16, against a bare Fastify + pg server that
 * answers the same listing with one hand-written SQL query, measured in the same run.
 *
 *   npm run bench:catalog   BENCH_RUNS (3), BENCH_DURATION s (10), BENCH_CONNECTIONS (16),
 *                           BENCH_PRODUCTS (20000), BENCH_CATALOG_URL (the shop's database;
 *                           seeded first when it holds fewer products: that takes a while,
 *                           then it is reused), REDIS_URL (optional: the cache in Redis)
 *
 * Servers run as child processes, autocannon in this one, so load and server do not share an
 * event loop. "cached" rows hit the store cache (the same URL again); "uncached" rows vary the
 * query on every request so every request reaches the database.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import pg from 'pg';
import { machine, printTable, runs, startServer, type Row } from './lib.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 20_000);
const DB_URL = process.env.BENCH_CATALOG_URL ?? 'postgres://postgres@127.0.0.1:5432/tessera_bench_20k';
const root = resolve(import.meta.dirname, '..');

interface Histogram {
  p50: number;
  p99: number;
  average: number;
}
interface Result {
  requests: Histogram & { total: number };
  latency: Histogram;
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: object) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function ensureCatalog() {
  const admin = new URL(DB_URL);
  const dbName = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  const exists = (await c.query('select 1 from pg_database where datname = $1', [dbName])).rowCount;
  if (!exists) await c.query(`create database ${dbName}`);
  await c.end();
  const db = new pg.Client({ connectionString: DB_URL });
  await db.connect();
  const count = await db.query(`select count(*)::int as n from product.products where status = 'published'`).then(
    (r) => r.rows[0].n,
    () => 0,
  );
  if (count >= PRODUCTS) {
    // Fresh planner statistics: a just-seeded catalog otherwise gets plans made for an empty one.
    await db.query('vacuum analyze');
    await db.end();
    return count;
  }
  await db.end();
  console.log(`seeding ${PRODUCTS} products into ${dbName} (once; later runs reuse it) ...`);
  const seeder = spawn(
    process.execPath,
    ['src/platform/seed/cli.ts', '--products', String(PRODUCTS - count), '--seed', String(1000 + count)],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: DB_URL, LOG_LEVEL: 'warn', RATE_LIMITS: '*.*=off' },
      stdio: 'inherit',
    },
  );
  await new Promise((ok, fail) =>
    seeder.once('exit', (code) => (code === 0 ? ok(null) : fail(new Error(`seed exited ${code}`)))),
  );
  return PRODUCTS;
}

async function main() {
  const products = await ensureCatalog();
  const db = new pg.Client({ connectionString: DB_URL });
  await db.connect();
  const handles = (
    await db.query(`select handle from product.products where status = 'published' order by id limit 5000`)
  ).rows.map((r) => r.handle as string);
  await db.end();
  const words = [
    'sweter',
    'merino',
    'cashmere scarf',
    'leathr boots',
    'linen shirt',
    'denim jaket',
    'wool coat',
    'canvas tote',
    'alpaca',
    'sneekers',
    'tweed',
    'silk blouse',
    'corduroy trousers',
    'flannel',
    'parka',
  ];

  // Two Tessera processes: one as shipped (store cache on), one with the cache off, so "uncached"
  // rows measure the same URLs going to the database every time.
  const app = { DATABASE_URL: DB_URL, PORT: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'false', MODULES: 'all' };
  const tessera = await startServer('src/main.ts', app);
  const nocache = await startServer('src/main.ts', { ...app, CATALOG_CACHE_SECONDS: '0' });
  const baseline = await startServer('bench/baseline-server.ts', { DATABASE_URL: DB_URL });
  let n = 0;
  const scenarios: [string, string, (() => string) | string][] = [
    ['baseline: bare Fastify + pg, one SQL', baseline.url, '/products?limit=20'],
    ['listing, cached', tessera.url, '/store/products?limit=20'],
    ['listing, uncached', nocache.url, '/store/products?limit=20'],
    [
      'listing by category + price sort, uncached',
      nocache.url,
      () => `/store/products?limit=20&sort=price_asc&category=${['women', 'men', 'shoes', 'home'][n++ % 4]}`,
    ],
    [
      'product page, uncached',
      nocache.url,
      () => `/store/products/${handles[n++ % handles.length]}?currency=${n % 2 ? 'EUR' : 'USD'}`,
    ],
    [
      'search with facets, uncached',
      nocache.url,
      () => `/store/products?q=${encodeURIComponent(words[n++ % words.length])}&limit=20`,
    ],
    [
      'search with facets, cached',
      tessera.url,
      () => `/store/products?q=${encodeURIComponent(words[n++ % words.length])}&limit=20`,
    ],
  ];
  try {
    // Warm both servers (connections, JIT, plan cache).
    for (const [, url, path] of scenarios) {
      await autocannon({
        url,
        connections: 4,
        duration: 2,
        requests: [{ setupRequest: (r: any) => ({ ...r, path: typeof path === 'string' ? path : path() }) }],
      });
    }
    const rows: Row[] = [];
    const results: Record<string, number[]>[] = [];
    for (let run = 0; run < runs; run++) {
      const r: Record<string, number[]> = {};
      for (const [name, url, path] of scenarios) {
        const res = await autocannon({
          url,
          connections: CONNECTIONS,
          duration: DURATION,
          requests: [{ setupRequest: (req: any) => ({ ...req, path: typeof path === 'string' ? path : path() }) }],
        });
        if (res.non2xx || res.errors) throw new Error(`${name}: ${res.non2xx} non-2xx, ${res.errors} errors`);
        r[name] = [res.requests.average, res.latency.p50, res.latency.p99];
        console.log(
          `  run ${run + 1}/${runs} ${name}: ${Math.round(res.requests.average)} req/s, p50 ${res.latency.p50} ms, p99 ${res.latency.p99} ms`,
        );
      }
      results.push(r);
    }
    const base = (i: number) => results[i]['baseline: bare Fastify + pg, one SQL'][0];
    for (const [name] of scenarios) {
      rows.push({ label: `${name}: req/s`, values: results.map((r) => r[name][0]), digits: 0 });
      rows.push({ label: `${name}: p50 ms`, values: results.map((r) => r[name][1]), digits: 0 });
      const listing = name.startsWith('listing');
      rows.push({
        label: `${name}: p99 ms`,
        values: results.map((r) => r[name][2]),
        digits: 0,
        ...(listing ? { target: '< 15 ms', ok: (m: number) => m < 15 } : {}),
      });
      if (!name.startsWith('baseline')) {
        rows.push({
          label: `${name}: x baseline`,
          values: results.map((r, i) => r[name][0] / base(i)),
          digits: 2,
          ...(listing ? { target: '>= 0.7x', ok: (m: number) => m >= 0.7 } : {}),
        });
      }
    }
    printTable(
      `Catalog, ${products} products, concurrency ${CONNECTIONS}, ${DURATION} s per scenario (${machine()})`,
      rows,
    );
    console.log(
      'Targets: listing p99 < 15 ms; listing >= 0.7x the baseline (cached rows are served from the store cache).',
    );
  } finally {
    for (const s of [tessera, nocache, baseline]) s.child.kill('SIGTERM');
  }
}

await main();
