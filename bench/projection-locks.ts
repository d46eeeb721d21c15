/**
 * Projection lock-order and postings-diff figures (docs/adr/0120, 0121), one checkout per run:
 * - two batches of BENCH_PRODUCTS products (default 20) in opposite orders, handled at once through
 *   the consumer's batch path (handleJobs) by recommendation's product updates (twice), then
 *   recommendation price and stock, order price and stock, product stock: wall time, `deadlock
 *   detected` errors and batch re-runs in the log, failed jobs;
 * - rows written to product.search_postings (a row trigger) by three admin edits of one product.
 * Prints one JSON line.
 *
 *   node bench/projection-locks.ts   BENCH_APP_ROOT (another checkout to measure, e.g. main),
 *                                     BENCH_PRODUCTS, BENCH_DATABASE_URL
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type * as Consumer from '../src/platform/bus/consumer.ts';
import type { EventDef } from '../src/platform/bus/event.ts';
import type * as BootModule from '../src/platform/host/boot.ts';
import type { ModuleDefinition } from '../src/platform/host/module.ts';
import {
  capturedLog,
  oppositeBatches,
  priceRound,
  productIds,
  productSnapshot,
} from '../test/helpers/projection-batches.ts';
import { createBenchDatabase } from './lib.ts';

const ROOT = resolve(process.env.BENCH_APP_ROOT ?? resolve(import.meta.dirname, '..'));
const N = Number(process.env.BENCH_PRODUCTS ?? 20);
const load = <T>(path: string): Promise<T> => import(pathToFileURL(resolve(ROOT, path)).href) as Promise<T>;
const mod = async (name: string) => (await load<{ default: ModuleDefinition }>(`src/modules/${name}/index.ts`)).default;
const event = async (module: string, name: string) =>
  (await load<Record<string, EventDef>>(`src/modules/${module}/contract.ts`))[name];

const { boot } = await load<typeof BootModule>('src/platform/host/boot.ts');
const { handleJobs } = await load<typeof Consumer>('src/platform/bus/consumer.ts');
const [recommendation, order, product] = await Promise.all(['recommendation', 'order', 'product'].map(mod));
const PriceChanged = await event('pricing', 'PriceChanged');
const StockChanged = await event('inventory', 'StockChanged');
const ProductUpdated = await event('product', 'ProductUpdated');

const db = await createBenchDatabase();
const app = await boot({
  env: {},
  overrides: {
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
    SEED_DEMO: false,
    LOG_LEVEL: 'silent',
    BUS_POOL_MAX: 4,
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'Admin-password-1',
    MODULES: 'user,product,order,recommendation',
    CACHE_PREFIX: `bench${process.pid}:`,
  },
});
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();

const { log, logged } = capturedLog();
const products = productIds(N);
const rig = { handleJobs, orm: app.platform.orm, bus: app.platform.bus, log, producer: 'bench' };

/** Two batches of the payloads, one reversed, handled at once; returns the jobs that failed. */
const pair = async (module: ModuleDefinition, ev: EventDef, payloads: unknown[]): Promise<number> =>
  (await oppositeBatches(rig, module, ev, payloads)).filter((r) => r.status !== 'completed').length;

const started = performance.now();
let failedJobs = 0;
const reruns: Record<string, number> = {};
const measure = async (label: string, module: ModuleDefinition, ev: EventDef, payloads: unknown[]) => {
  const from = logged.length;
  failedJobs += await pair(module, ev, payloads);
  const more = logged.slice(from).filter((l) => /event by event|failed to commit/.test(l.msg)).length;
  reruns[label] = (reruns[label] ?? 0) + more;
};
for (let version = 1; version <= 2; version++)
  await measure(
    'recommendation product',
    recommendation,
    ProductUpdated,
    products.map((p) => productSnapshot(p, version, 'b')),
  );
const prices = priceRound(products, 1);
const stock = products.map((p, i) => ({ variantId: p.variantId, available: i % 2, inStock: i % 2 === 1, sequence: 1 }));
await measure('recommendation price', recommendation, PriceChanged, prices);
await measure('recommendation stock', recommendation, StockChanged, stock);
await measure('order price', order, PriceChanged, prices);
await measure('order stock', order, StockChanged, stock);
await measure('product stock', product, StockChanged, stock);
const lockMs = Math.round(performance.now() - started);

const inject = (method: 'POST' | 'PATCH', url: string, body: unknown, token?: string) =>
  app.app.inject({
    method,
    url,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: JSON.stringify(body),
  });
const login = { email: 'admin@example.com', password: 'Admin-password-1' };
const token = (await inject('POST', '/admin/auth/login', login)).json().accessToken as string;
const description =
  'A solid walnut desk organiser with three drawers, a pen tray, a phone stand and a cable slot; oiled by hand, ' +
  'felt feet protect the desk; made in a small workshop from offcuts of furniture making, each grain pattern ' +
  'unique, sized for an A4 notebook and a laptop charger';
const body = {
  title: 'Walnut Organiser',
  description,
  status: 'published',
  variants: [{ sku: `BENCH-${process.pid}` }],
};
const created = (await inject('POST', '/admin/products', body, token)).json();
await sql.query(`create table public.posting_writes (op text not null);
  create function public.count_posting_write() returns trigger language plpgsql as
    $$ begin insert into public.posting_writes values (tg_op); return null; end $$;
  create trigger count_posting_writes after insert or update or delete on product.search_postings
    for each row execute function public.count_posting_write()`);
const writes = async () => {
  const { rows } = await sql.query('select op, count(*)::int as n from public.posting_writes group by op');
  await sql.query('truncate public.posting_writes');
  return Object.fromEntries(rows.map((r) => [r.op, r.n]));
};
const postings = (
  await sql.query('select count(*)::int as n from product.search_postings where product_id = $1', [created.id])
).rows[0].n;
const edit = async (change: Record<string, unknown>) => {
  await inject('PATCH', `/admin/products/${created.id}`, change, token);
  return writes();
};
const edits = {
  oneWord: await edit({ description: description.replace('three', 'four') }),
  noWord: await edit({ title: 'Walnut Organiser' }),
  wordMovesUp: await edit({ title: 'Walnut Tray Organiser' }),
};
console.log(
  JSON.stringify({
    root: ROOT,
    load: Number(loadavg()[0].toFixed(1)),
    lockMs,
    deadlockErrors: logged.filter((l) => l.err?.code === '40P01').length,
    reruns,
    failedJobs,
    postings,
    edits,
  }),
);
await sql.end();
await app.close();
await db.drop();
process.exit(0);
