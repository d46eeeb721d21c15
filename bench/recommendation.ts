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
import { fmt, machine, percentile, seededRandom, startRecommendationApp } from './lib.ts';

// The "similar" query before ADR 0067: every candidate's variants checked for stock and price.
const PREVIOUS_SIMILAR = `select p.product_id, (select count(*) from jsonb_array_elements(p.options) o
    where base.options @> jsonb_build_array(o))::int as score
  from recommendation.products base cross join lateral (select distinct p.* from
    jsonb_array_elements(base.category_ids) c join recommendation.products p on p.category_ids @> jsonb_build_array(c.value)
    where p.product_id <> base.product_id) p
  cross join lateral (select coalesce(jsonb_object_agg(bp.currency, jsonb_build_array(bp.lo, bp.hi)), '{}') as band
    from (select bp.currency, min(bp.amount) / 2 as lo, max(bp.amount) * 2 as hi from recommendation.prices bp
      join recommendation.variants bv on bv.variant_id = bp.variant_id
      where bv.product_id = base.product_id and bp.amount is not null group by bp.currency) bp) b
  where base.product_id = ? and (b.band = '{}' or exists (select 1 from recommendation.variants cv
    join recommendation.prices cp on cp.variant_id = cv.variant_id where cv.product_id = p.product_id
    and cp.amount between (b.band->cp.currency->>0)::int and (b.band->cp.currency->>1)::int))
  and p.published and not p.deleted and exists (select 1 from recommendation.variants v
    where v.product_id = p.product_id and v.in_stock)
  order by score desc, p.product_id limit ?`;

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 20_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 20_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const CATEGORIES = 50;
const COLORS = ['red', 'blue', 'green', 'black', 'white', 'grey'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

// (a fixed pseudo-random sequence, so two runs seed the same shop)
const { rand, pick } = seededRandom();
const { db, tessera } = await startRecommendationApp(boot, 'recommendation-read.*=off');
try {
  const { platform } = tessera;
  console.log(`Tessera recommendation benchmark: ${machine()}, PostgreSQL ${db.serverVersion}`);
  const inTx = (fn: (em: EntityManager) => Promise<void>) => platform.orm.em.fork().transactional(fn);
  const categories = Array.from({ length: CATEGORIES }, () => uuidv7());
  const products: { productId: string; variantIds: string[] }[] = [];
  const seeded = performance.now();
  // (stock and prices first, as events may come: the product's announcement then refreshes it once;
  // four transactions at a time, each of 250 products)
  const seedProducts = async (from: number, to: number) =>
    inTx(async (em) => {
      for (let k = from; k < to; k++) {
        const productId = uuidv7();
        const variants = [0, 1].map(() => ({
          variantId: uuidv7(),
          sku: `B-${k}`,
          title: 'V',
          options: { color: pick(COLORS), size: pick(SIZES) },
          weightGrams: 100,
        }));
        const base = 500 + Math.floor(rand() * 20_000);
        const inStock = rand() >= 0.1;
        for (const [n, v] of variants.entries()) {
          await recordStock(em, { variantId: v.variantId, inStock, sequence: 1 });
          await recordPrice(em, { variantId: v.variantId, currency: 'EUR', amount: base + n * 300, sequence: 1 });
        }
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
        products.push({ productId, variantIds: variants.map((v) => v.variantId) });
      }
    });
  const seedOrders = (from: number, to: number) =>
    inTx(async (em) => {
      for (let k = from; k < to; k++) {
        const lines = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(pick(products).variantIds));
        await recordOrder(em, {
          orderId: uuidv7(),
          variantIds: lines,
          confirmedAt: new Date().toISOString(),
          total: 5000,
        });
      }
    });
  const inParallel = async (n: number, seed: (from: number, to: number) => Promise<void>, workers = 4) => {
    const slices = Array.from({ length: Math.ceil(n / 250) }, (_, i) => [i * 250, Math.min(n, i * 250 + 250)] as const);
    const worker = async () => {
      for (let s = slices.shift(); s; s = slices.shift()) await seed(...s);
    };
    await Promise.all(Array.from({ length: workers }, worker));
  };
  await inParallel(PRODUCTS, seedProducts);
  // (one at a time: 250 orders in one transaction lock hundreds of pairs, which two would deadlock on)
  await inParallel(ORDERS, seedOrders, 1);
  await platform.orm.em.fork().getConnection().execute('analyze');
  console.log(
    `${PRODUCTS} products, ${PRODUCTS * 2} variants and prices, ${ORDERS} orders seeded in ${fmt((performance.now() - seeded) / 1000)} s`,
  );

  const time = async (label: string, call: (productId: string) => Promise<number>) => {
    const samples: number[] = [];
    let items = 0;
    for (let i = 0; i < CALLS + 20; i++) {
      const productId = pick(products).productId;
      const t = performance.now();
      const n = await call(productId);
      if (i < 20) continue; // (warm-up)
      samples.push(performance.now() - t);
      items += n;
    }
    const row = [label, CALLS, fmt(percentile(samples, 50), 2), fmt(percentile(samples, 99), 2)];
    console.log(`| ${[...row, fmt(Math.max(...samples), 2), fmt(items / CALLS)].join(' | ')} |`);
  };
  console.log('| kind | calls | p50 ms | p99 ms | max ms | mean items |\n|---|---|---|---|---|---|');
  for (const kind of ['bought_together', 'similar', 'popular_in_category'])
    await time(`GET ${kind}`, async (productId) => {
      const url = `/store/products/${productId}/recommendations?kind=${kind}&limit=10`;
      const res = await tessera.app.inject({ method: 'GET', url });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json().items.length;
    });
  // Same job, same data: the "similar" query as it was before product_prices and in_stock (ADR 0067).
  const em = platform.orm.em.fork();
  await time(
    'similar, previous query (SQL only)',
    async (productId) => (await em.execute(PREVIOUS_SIMILAR, [productId, 10], 'all')).length,
  );
} finally {
  await tessera.close();
  await db.drop();
}
