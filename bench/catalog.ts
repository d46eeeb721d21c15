/**
 * Catalog benchmark on a 20,000-product shop with the store cache off (CATALOG_CACHE_SECONDS=0:
 * what every shopper gets after a change empties the cached pages), at concurrency 10, against a
 * bare Fastify + pg server answering the same listing with one hand-written SQL query, measured
 * in the same run: the listing, a listing by category sorted by price, a product page, a search
 * with facets, and search as you type (a prefix of 3-5 letters). Per scenario it also prints the
 * CPU the database's Postgres backends and the server process (the app, or the baseline) spent per
 * request (bench/lib.ts measureCost).
 *
 *   npm run bench:catalog   BENCH_RUNS (3), BENCH_DURATION s (5), BENCH_CONNECTIONS (10),
 *                           BENCH_PRODUCTS (20000), BENCH_CATALOG_URL (the shop's database;
 *                           seeded first when it holds fewer products: that takes a while,
 *                           then it is reused; BENCH_SEED_PRODUCTS (all) seeds that many through
 *                           the app and copies them up to BENCH_PRODUCTS, bench/catalog-clone.ts),
 *                           BENCH_APP_ROOT (another checkout whose src/main.ts to measure, e.g. main),
 *                           BENCH_SCENARIOS (all; else comma-separated parts of scenario names, e.g.
 *                           "search": the baseline always runs)
 *
 * Servers run as child processes, autocannon in this one, so load and server do not share an
 * event loop.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import pg from 'pg';
import { loadavg } from 'node:os';
import { cloneCatalog } from './catalog-clone.ts';
import { machine, measureCost, printTable, runs, startServer, type Row } from './lib.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SEED_PRODUCTS = Number(process.env.BENCH_SEED_PRODUCTS ?? 0);
const APP = resolve(process.env.BENCH_APP_ROOT ?? resolve(import.meta.dirname, '..'), 'src/main.ts');
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
  const seeded = SEED_PRODUCTS > 0 ? Math.max(0, Math.min(PRODUCTS, SEED_PRODUCTS) - count) : PRODUCTS - count;
  if (seeded > 0) await seed(dbName, count, seeded);
  return cloneCatalog(DB_URL, PRODUCTS);
}

async function seed(dbName: string, count: number, products: number) {
  console.log(`seeding ${products} products into ${dbName} (once; later runs reuse it) ...`);
  const seeder = spawn(
    process.execPath,
    ['src/platform/seed/cli.ts', '--products', String(products), '--seed', String(1000 + count)],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: DB_URL, LOG_LEVEL: 'warn', RATE_LIMITS: '*.*=off' },
      stdio: 'inherit',
    },
  );
  await new Promise((ok, fail) =>
    seeder.once('exit', (code) => (code === 0 ? ok(null) : fail(new Error(`seed exited ${code}`)))),
  );
}

async function main() {
  const products = await ensureCatalog();
  const db = new pg.Client({ connectionString: DB_URL });
  await db.connect();
  const handles = (
    await db.query(`select handle from product.products where status = 'published' order by random() limit 5000`)
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
  // What a shopper has typed so far: the first 3 to 5 letters of a word (the box asks no facets).
  const prefixes = words.flatMap((w) => [3, 4, 5].map((n) => w.slice(0, n)));
  // The same with the first word typed: "linen s", "linen sh", "linen shi" (docs/adr/0149).
  const seconds = words
    .map((w) => w.split(' '))
    .filter((w) => w.length === 2)
    .flatMap(([a, b]) => [1, 2, 3].map((n) => `${a} ${b.slice(0, n)}`));

  // Rate limits off: the load comes from one address, far past a shopper's search allowance.
  const app = {
    DATABASE_URL: DB_URL,
    PORT: '0',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    MODULES: 'all',
    RATE_LIMITS: '*.*=off',
  };
  const nocache = await startServer(APP, { ...app, CATALOG_CACHE_SECONDS: '0' });
  const baseline = await startServer('bench/baseline-server.ts', { DATABASE_URL: DB_URL });
  let n = 0;
  type Target = { p50?: number; p99?: number; xBaseline?: number };
  const scenarios: [string, string, (() => string) | string, Target][] = [
    ['baseline: bare Fastify + pg, one SQL', baseline.url, '/products?limit=20', {}],
    ['listing', nocache.url, '/store/products?limit=20', { p99: 15, xBaseline: 0.8 }],
    [
      'listing by category + price sort',
      nocache.url,
      () => `/store/products?limit=20&sort=price_asc&category=${['women', 'men', 'shoes', 'home'][n++ % 4]}`,
      {},
    ],
    [
      'product page',
      nocache.url,
      () => `/store/products/${handles[n++ % handles.length]}?currency=${n % 2 ? 'EUR' : 'USD'}`,
      { p99: 10 },
    ],
    [
      'search with facets',
      nocache.url,
      () => `/store/products?q=${encodeURIComponent(words[n++ % words.length])}&limit=20`,
      { p50: 15, p99: 40 },
    ],
    [
      'search as you type (3-5 letters)',
      nocache.url,
      () => `/store/products?q=${encodeURIComponent(prefixes[n++ % prefixes.length])}&limit=8&facets=false`,
      { p50: 10 },
    ],
    [
      'search as you type, second word (1-3 letters)',
      nocache.url,
      () => `/store/products?q=${encodeURIComponent(seconds[n++ % seconds.length])}&limit=8&facets=false`,
      {},
    ],
  ];
  const only = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim().toLowerCase());
  if (only)
    for (let i = scenarios.length - 1; i > 0; i--)
      if (!only.some((part) => scenarios[i][0].toLowerCase().includes(part))) scenarios.splice(i, 1);
  const load = (path: (() => string) | string) => [
    { setupRequest: (r: any) => ({ ...r, path: typeof path === 'string' ? path : path() }) },
  ];
  try {
    for (const [, url, path] of scenarios) await autocannon({ url, connections: 4, duration: 2, requests: load(path) });
    const results: Record<string, number[]>[] = [];
    const loads: number[] = [];
    for (let run = 0; run < runs; run++) {
      const r: Record<string, number[]> = {};
      for (const [name, url, path] of scenarios) {
        const server = url === baseline.url ? baseline : nocache;
        const cost = await measureCost([server.child.pid!], DB_URL);
        const res = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests: load(path) });
        const spent = await cost();
        if (res.non2xx || res.errors) throw new Error(`${name}: ${res.non2xx} non-2xx, ${res.errors} errors`);
        const pgMs = spent ? (spent.pgCpu * 1000) / res.requests.total : NaN;
        const appMs = spent ? (spent.appCpu * 1000) / res.requests.total : NaN;
        r[name] = [res.requests.average, res.latency.p50, res.latency.p99, pgMs, appMs];
        console.log(
          `  run ${run + 1}/${runs} ${name}: ${Math.round(res.requests.average)} req/s, p50 ${res.latency.p50} ms, p99 ${res.latency.p99} ms, Postgres CPU ${pgMs.toFixed(2)} ms/request, server CPU ${appMs.toFixed(2)} ms/request, load ${loadavg()[0].toFixed(1)}`,
        );
      }
      loads.push(loadavg()[0]);
      results.push(r);
    }
    const base = (i: number) => results[i]['baseline: bare Fastify + pg, one SQL'][0];
    const rows: Row[] = [];
    for (const [name, , , target] of scenarios) {
      const col = (k: number) => results.map((r) => r[name][k]);
      const below = (limit?: number) => (limit ? { target: `< ${limit} ms`, ok: (m: number) => m < limit } : {});
      rows.push({ label: `${name}: req/s`, values: col(0), digits: 0 });
      rows.push({ label: `${name}: p50 ms`, values: col(1), digits: 0, ...below(target.p50) });
      rows.push({ label: `${name}: p99 ms`, values: col(2), digits: 0, ...below(target.p99) });
      rows.push({ label: `${name}: Postgres CPU ms/request`, values: col(3), digits: 2 });
      rows.push({ label: `${name}: server process CPU ms/request`, values: col(4), digits: 2 });
      if (!name.startsWith('baseline')) {
        const x = target.xBaseline;
        rows.push({
          label: `${name}: x baseline`,
          values: results.map((r, i) => r[name][0] / base(i)),
          digits: 2,
          ...(x ? { target: `>= ${x}x`, ok: (m: number) => m >= x } : {}),
        });
      }
    }
    rows.push({ label: 'load average (1 min) after each run', values: loads, digits: 1 });
    printTable(
      `Catalog, ${products} products, cache off, concurrency ${CONNECTIONS}, ${DURATION} s per scenario, app ${APP} (${machine()})`,
      rows,
    );
  } finally {
    for (const s of [nocache, baseline]) s.child.kill('SIGTERM');
  }
}

await main();
