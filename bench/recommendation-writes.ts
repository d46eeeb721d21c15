/**
 * Recommendation writes benchmark: what one event costs the module (the writes on a shopper's path:
 * a view over HTTP; an order's confirmation and withdrawal, a stock, price and product change,
 * each in its own transaction as its handler runs). The module is booted alone (with user) on a
 * fresh database with BENCH_PRODUCTS products (default 500); each kind runs BENCH_EVENTS times
 * (default 400, after 20 of warm-up): p50/p99 in ms, and CPU and system calls per event.
 *
 *   node bench/recommendation-writes.ts   BENCH_APP_ROOT (another checkout to measure, e.g. main),
 *                                          BENCH_PRODUCTS, BENCH_EVENTS, BENCH_DATABASE_URL
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { query, type EntityManager } from '../src/platform/db/index.ts';
import type * as BootModule from '../src/platform/host/boot.ts';
import type * as OrderModule from '../src/modules/recommendation/use-cases/record-order.ts';
import type * as PriceModule from '../src/modules/recommendation/use-cases/record-price.ts';
import type * as ProductModule from '../src/modules/recommendation/use-cases/record-product.ts';
import type * as StockModule from '../src/modules/recommendation/use-cases/record-stock.ts';
import type * as WithdrawModule from '../src/modules/recommendation/use-cases/withdraw-order.ts';
import { fmt, machine, measureCost, percentile, seededRandom, startRecommendationApp } from './lib.ts';

const ROOT = resolve(process.env.BENCH_APP_ROOT ?? resolve(import.meta.dirname, '..'));
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 500);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 400);
const load = <T>(path: string): Promise<T> => import(pathToFileURL(resolve(ROOT, path)).href) as Promise<T>;

const { boot } = await load<typeof BootModule>('src/platform/host/boot.ts');
const uc = 'src/modules/recommendation/use-cases';
const { recordOrder } = await load<typeof OrderModule>(`${uc}/record-order.ts`);
const { recordPrice } = await load<typeof PriceModule>(`${uc}/record-price.ts`);
const { recordProduct } = await load<typeof ProductModule>(`${uc}/record-product.ts`);
const { recordStock } = await load<typeof StockModule>(`${uc}/record-stock.ts`);
const { withdrawOrder } = await load<typeof WithdrawModule>(`${uc}/withdraw-order.ts`);

// (a fixed pseudo-random sequence, so two runs write the same events)
const { rand, pick } = seededRandom();
const { db, tessera } = await startRecommendationApp(boot, 'recommendation-view.*=off');
try {
  const { platform } = tessera;
  console.log(`Tessera recommendation writes: ${ROOT}, ${machine()}, PostgreSQL ${db.serverVersion}`);
  const inTx = (fn: (em: EntityManager) => Promise<void>) => platform.orm.em.fork().transactional(fn);
  // A handler's transaction opens with the bus's inbox insert, which carries no parameters, so the
  // pool sends BEGIN with it (platform/db/prepared.ts); the same here, so what follows is the handler's.
  const handled = (fn: (em: EntityManager) => Promise<void>) =>
    inTx(async (em) => {
      await query(
        em,
        `insert into recommendation.inbox (event_id, queue) select unnest('{${uuidv7()}}'::uuid[]), 'bench' on conflict do nothing returning event_id`,
      );
      await fn(em);
    });
  const category = uuidv7();
  const products: { productId: string; variantIds: string[]; version: number }[] = [];
  const snapshot = (p: (typeof products)[number]) => ({
    productId: p.productId,
    version: p.version,
    handle: `w-${p.productId.slice(-8)}`,
    title: 'P',
    status: 'published' as const,
    categoryIds: [category],
    collectionIds: [],
    thumbnail: null,
    variants: p.variantIds.map((variantId, n) => ({
      variantId,
      sku: `W-${variantId.slice(-8)}`,
      title: 'V',
      options: { color: n ? 'red' : 'blue' },
      weightGrams: 100,
    })),
  });
  await inTx(async (em) => {
    for (let k = 0; k < PRODUCTS; k++) {
      const p = { productId: uuidv7(), variantIds: [uuidv7(), uuidv7()], version: 1 };
      for (const variantId of p.variantIds) {
        await recordStock(em, { variantId, inStock: true, sequence: 1 });
        await recordPrice(em, { variantId, currency: 'EUR', amount: 1000 + k, sequence: 1 });
      }
      await recordProduct(em, snapshot(p));
      products.push(p);
    }
  });
  await platform.orm.em.fork().getConnection().execute('analyze');

  // (CPU and system calls per event, of this process and this database's backends only: the figures
  // a shared machine's noise disturbs least; a round trip to Postgres is about two system calls)
  const time = async (label: string, write: (i: number) => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) await write(i);
    const cost = await measureCost([process.pid], db.url);
    for (let i = 20; i < EVENTS + 20; i++) {
      const t = performance.now();
      await write(i);
      samples.push(performance.now() - t);
    }
    const c = await cost();
    const per = (x: number | undefined, scale = 1) => (x === undefined ? 'n/a' : fmt((x * scale) / EVENTS, 2));
    console.log(
      `| ${label} | ${EVENTS} | ${fmt(percentile(samples, 50), 2)} | ${fmt(percentile(samples, 99), 2)} | ` +
        `${per(c?.appCpu, 1000)} | ${per(c?.pgCpu, 1000)} | ${per(c?.appSyscalls)} |`,
    );
  };
  const orders: string[] = [];
  const sequence = new Map<string, number>();
  const next = (key: string) => {
    const n = (sequence.get(key) ?? 1) + 1;
    sequence.set(key, n);
    return n;
  };
  console.log(
    `load average ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')}`,
  );
  console.log(
    '| write (one transaction each) | events | p50 ms | p99 ms | app CPU ms | Postgres CPU ms | app syscalls |\n' +
      '|---|---|---|---|---|---|---|',
  );
  await time('POST view (HTTP)', async (i) => {
    const res = await tessera.app.inject({
      method: 'POST',
      url: '/store/recommendations/views',
      body: { productId: pick(products).productId, sessionId: `bench_session_${String(i % 20).padStart(4, '0')}` },
    });
    if (res.statusCode !== 204) throw new Error(`view: ${res.statusCode} ${res.body}`);
  });
  await time('order confirmed (3 products)', () => {
    const orderId = uuidv7();
    orders.push(orderId);
    const variantIds = [0, 1, 2].map(() => pick(pick(products).variantIds));
    return handled((em) =>
      recordOrder(em, { orderId, variantIds, confirmedAt: new Date().toISOString(), total: 5000 }),
    );
  });
  await time('order withdrawn', (i) => handled((em) => withdrawOrder(em, orders[i % orders.length] ?? uuidv7())));
  await time('stock changed', () => {
    const variantId = pick(pick(products).variantIds);
    return handled((em) => recordStock(em, { variantId, inStock: rand() < 0.8, sequence: next(`s${variantId}`) }));
  });
  await time('price changed', () => {
    const variantId = pick(pick(products).variantIds);
    const amount = 500 + Math.floor(rand() * 5000);
    return handled((em) => recordPrice(em, { variantId, currency: 'EUR', amount, sequence: next(`p${variantId}`) }));
  });
  await time('product updated', () => {
    const p = pick(products);
    p.version++;
    return handled((em) => recordProduct(em, snapshot(p)));
  });
  console.log(
    `load average ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')}`,
  );
} finally {
  await tessera.close();
  await db.drop();
}
