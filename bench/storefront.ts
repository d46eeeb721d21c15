/**
 * Storefront benchmark: the server-rendered listing and product pages against the JSON API
 * answering the same data, at concurrency 10, on a demo shop; the JavaScript a listing page sends
 * (gzip); and the typed client's call through app.inject against loopback HTTP. The pages are
 * measured as served (from the page cache, STOREFRONT_CACHE_SECONDS) and, for what a render costs,
 * from a second process with that cache off.
 *
 *   npm run bench:storefront   BENCH_RUNS (3), BENCH_DURATION s (8), BENCH_CONNECTIONS (10),
 *                              BENCH_PRODUCTS (60: the demo seed's size), BENCH_DATABASE_URL
 *
 * The server runs as a child process (autocannon in this one); the inject/loopback comparison
 * boots a second app in this process on the same database.
 */
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import {
  createBenchDatabase,
  httpJson,
  machine,
  median,
  printTable,
  runs,
  sleep,
  startServer,
  type Row,
} from './lib.ts';
import { boot } from '../src/platform/host/boot.ts';
import { createClient } from '../client/index.ts';
import { injectFetch } from '../web/storefront/api.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 60);

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: object) => Promise<Result>;

async function waitForSeed(url: string) {
  for (;;) {
    const ready = await httpJson('GET', `${url}/ready`).catch(() => undefined);
    if (ready?.json?.seeding === false) return;
    await sleep(1000);
  }
}

/** Compressed bytes of every script a page loads (external and inline). */
async function scriptBytes(url: string, path: string): Promise<number> {
  const page = await (await fetch(url + path)).text();
  const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('');
  let total = inline ? gzipSync(inline).length : 0;
  for (const m of page.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) {
    const body = Buffer.from(await (await fetch(new URL(m[1]!, url))).arrayBuffer());
    total += gzipSync(body).length;
  }
  return total;
}

/** Mean microseconds per typed-client call, in-process through inject vs over loopback HTTP. */
async function clientTransport(databaseUrl: string, path: string) {
  const t = await boot({
    env: {},
    overrides: { DATABASE_URL: databaseUrl, ROLE: 'api', SEED_DEMO: false, LOG_LEVEL: 'warn', PORT: 0 },
  });
  const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const viaInject = createClient('http://store', { fetch: injectFetch(t.app, '127.0.0.1') });
  const viaHttp = createClient(url);
  const time = async (client: typeof viaHttp) => {
    for (let i = 0; i < 200; i++) await client.GET('/store/products', { params: { query: { limit: 24 } } });
    const start = performance.now();
    const n = 1000;
    for (let i = 0; i < n; i++) await client.GET('/store/products', { params: { query: { limit: 24 } } });
    return ((performance.now() - start) * 1000) / n;
  };
  try {
    return { inject: await time(viaInject), loopback: await time(viaHttp), path };
  } finally {
    await t.close();
  }
}

async function main() {
  const db = await createBenchDatabase();
  const env = {
    DATABASE_URL: db.url,
    PORT: '0',
    LOG_LEVEL: 'warn',
    SEED_DEMO_PRODUCTS: String(PRODUCTS),
    RATE_LIMITS: '*.*=off',
  };
  const server = await startServer('src/main.ts', env);
  let uncached: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    console.log(`seeding ${PRODUCTS} demo products ...`);
    await waitForSeed(server.url);
    // The same pages with the page cache off: what a render costs (a second process, routes only).
    uncached = await startServer('src/main.ts', {
      ...env,
      ROLE: 'api',
      SEED_DEMO: 'false',
      STOREFRONT_CACHE_SECONDS: '0',
    });
    const categories = (await httpJson('GET', `${server.url}/store/categories`)).json.items;
    const category = categories.find((c: { depth: number }) => c.depth === 0);
    const product = (await httpJson('GET', `${server.url}/store/products?limit=1`)).json.items[0];
    const scenarios: [string, string, string][] = [
      ['listing page (HTML)', server.url, `/categories/${category.handle}`],
      ['listing (JSON API)', server.url, `/store/products?limit=24&facets=true&category=${category.id}&currency=EUR`],
      ['product page (HTML)', server.url, `/products/${product.handle}`],
      ['product (JSON API)', server.url, `/store/products/${product.handle}?currency=EUR`],
      ['listing page, page cache off', uncached.url, `/categories/${category.handle}`],
      ['product page, page cache off', uncached.url, `/products/${product.handle}`],
    ];
    const results: Record<string, [number, number]>[] = [];
    for (const [, url, path] of scenarios) await autocannon({ url: url + path, connections: 4, duration: 2 });
    for (let run = 0; run < runs; run++) {
      const r: Record<string, [number, number]> = {};
      for (const [name, url, path] of scenarios) {
        const res = await autocannon({ url: url + path, connections: CONNECTIONS, duration: DURATION });
        if (res.non2xx || res.errors) throw new Error(`${name}: ${res.non2xx} non-2xx, ${res.errors} errors`);
        r[name] = [res.requests.average, res.latency.p50];
        console.log(
          `  run ${run + 1}/${runs} ${name}: ${Math.round(res.requests.average)} req/s, p50 ${res.latency.p50} ms`,
        );
      }
      results.push(r);
    }
    const rows: Row[] = [];
    for (const [name] of scenarios) {
      const page = name.includes('(HTML)');
      rows.push({ label: `${name}: req/s`, values: results.map((r) => r[name]![0]), digits: 0 });
      rows.push({
        label: `${name}: p50 ms`,
        values: results.map((r) => r[name]![1]),
        digits: 0,
        ...(page ? { target: '< 20 ms', ok: (m: number) => m < 20 } : {}),
      });
    }
    for (const [html, json] of [
      ['listing page (HTML)', 'listing (JSON API)'],
      ['product page (HTML)', 'product (JSON API)'],
    ] as const)
      rows.push({
        label: `${html}: x JSON throughput`,
        values: results.map((r) => r[html]![0] / r[json]![0]),
        digits: 2,
        target: '>= 0.5x',
        ok: (m) => m >= 0.5,
      });
    const js = await scriptBytes(server.url, `/categories/${category.handle}`);
    rows.push({
      label: 'listing page: JavaScript, gzip bytes',
      values: [js],
      digits: 0,
      target: '< 102400',
      ok: (m) => m < 102_400,
    });
    const transport = [];
    for (let run = 0; run < runs; run++) transport.push(await clientTransport(db.url, '/store/products?limit=24'));
    rows.push({ label: 'typed client call via inject: µs', values: transport.map((t) => t.inject), digits: 0 });
    rows.push({
      label: 'typed client call via loopback HTTP: µs',
      values: transport.map((t) => t.loopback),
      digits: 0,
    });
    printTable(
      `Storefront, ${PRODUCTS} products, concurrency ${CONNECTIONS}, ${DURATION} s per scenario (${machine()})`,
      rows,
    );
    console.log(`median inject/loopback: ${median(transport.map((t) => t.inject / t.loopback)).toFixed(2)}x the time`);
  } finally {
    uncached?.child.kill('SIGTERM');
    server.child.kill('SIGTERM');
    await sleep(1000);
    await db.drop();
  }
}

await main();
