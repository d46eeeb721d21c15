/**
 * Recommendation benchmark: the module booted alone (with user) on a fresh database, its tables
 * filled through its own use-cases as its event handlers would (BENCH_PRODUCTS, default 20,000, in
 * 50 categories, two variants each with an EUR price, one product in ten out of stock;
 * BENCH_ORDERS confirmed orders of two to four products, default 20,000), then each kind asked
 * BENCH_CALLS times (default 300) through app.inject (no socket) for random products: p50/p99.
 *
 *   node bench/recommendation.ts     BENCH_PRODUCTS, BENCH_ORDERS, BENCH_CALLS, BENCH_DATABASE_URL
 */
import { v7 as uuidv7 } from 'uuid';
import { boot } from '../src/platform/host/boot.ts';
import type { EntityManager } from '../src/platform/db/index.ts';
import { recordOrder } from '../src/modules/recommendation/use-cases/record-order.ts';
import { recordPrice } from '../src/modules/recommendation/use-cases/record-price.ts';
import { recordProduct } from '../src/modules/recommendation/use-cases/record-product.ts';
import { recordStock } from '../src/modules/recommendation/use-cases/record-stock.ts';
import { createBenchDatabase, fmt, machine, percentile } from './lib.ts';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 20_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 20_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const CATEGORIES = 50;
const COLORS = ['red', 'blue', 'green', 'black', 'white', 'grey'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

// (a fixed pseudo-random sequence, so two runs seed the same shop)
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const db = await createBenchDatabase();
const tessera = await boot({
  overrides: {
    DATABASE_URL: db.url,
    MODULES: 'user,recommendation',
    LOG_LEVEL: 'warn',
    SEED_DEMO: false,
    RATE_LIMITS: 'recommendation-read.*=off',
  },
});
try {
  const { platform } = tessera;
  console.log(`Tessera recommendation benchmark: ${machine()}, PostgreSQL ${db.serverVersion}`);
  const inTx = (fn: (em: EntityManager) => Promise<void>) => platform.orm.em.fork().transactional(fn);
  const categories = Array.from({ length: CATEGORIES }, () => uuidv7());
  const products: { productId: string; variantIds: string[] }[] = [];
  const seeded = performance.now();
  for (let i = 0; i < PRODUCTS; i += 500) {
    await inTx(async (em) => {
      for (let k = i; k < Math.min(PRODUCTS, i + 500); k++) {
        const productId = uuidv7();
        const variants = [0, 1].map(() => ({
          variantId: uuidv7(),
          sku: `B-${k}`,
          title: 'V',
          options: { color: pick(COLORS), size: pick(SIZES) },
          weightGrams: 100,
        }));
        const categoryIds = rand() < 0.2 ? [pick(categories), pick(categories)] : [pick(categories)];
        await recordProduct(em, {
          productId,
          version: 1,
          handle: `b-${k}`,
          title: 'P',
          status: rand() < 0.95 ? 'published' : 'draft',
          categoryIds: [...new Set(categoryIds)],
          collectionIds: [],
          thumbnail: null,
          variants,
        });
        const base = 500 + Math.floor(rand() * 20_000);
        const inStock = rand() >= 0.1;
        for (const [n, v] of variants.entries()) {
          await recordStock(em, { variantId: v.variantId, inStock, sequence: 1 });
          await recordPrice(em, { variantId: v.variantId, currency: 'EUR', amount: base + n * 300, sequence: 1 });
        }
        products.push({ productId, variantIds: variants.map((v) => v.variantId) });
      }
    });
  }
  for (let i = 0; i < ORDERS; i += 500) {
    await inTx(async (em) => {
      for (let k = i; k < Math.min(ORDERS, i + 500); k++) {
        const lines = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(pick(products).variantIds));
        await recordOrder(em, {
          orderId: uuidv7(),
          variantIds: lines,
          confirmedAt: new Date().toISOString(),
          total: 5000,
        });
      }
    });
  }
  await platform.orm.em.fork().getConnection().execute('analyze');
  console.log(
    `${PRODUCTS} products, ${PRODUCTS * 2} variants and prices, ${ORDERS} orders seeded in ${fmt((performance.now() - seeded) / 1000)} s`,
  );

  console.log('| kind | calls | p50 ms | p99 ms | max ms | mean items |\n|---|---|---|---|---|---|');
  for (const kind of ['bought_together', 'similar', 'popular_in_category']) {
    const samples: number[] = [];
    let items = 0;
    for (let i = 0; i < CALLS + 20; i++) {
      const url = `/store/products/${pick(products).productId}/recommendations?kind=${kind}&limit=10`;
      const t = performance.now();
      const res = await tessera.app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': `10.0.${i % 250}.1` } });
      const ms = performance.now() - t;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      if (i < 20) continue; // (warm-up)
      samples.push(ms);
      items += res.json().items.length;
    }
    const row = [kind, CALLS, fmt(percentile(samples, 50), 2), fmt(percentile(samples, 99), 2)];
    console.log(`| ${[...row, fmt(Math.max(...samples), 2), fmt(items / CALLS)].join(' | ')} |`);
  }
} finally {
  await tessera.close();
  await db.drop();
}
