import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StockChanged } from '../src/modules/inventory/contract.ts';
import order from '../src/modules/order/index.ts';
import { PriceChanged } from '../src/modules/pricing/contract.ts';
import { ProductUpdated } from '../src/modules/product/contract.ts';
import product from '../src/modules/product/index.ts';
import recommendation from '../src/modules/recommendation/index.ts';
import { handleJobs } from '../src/platform/bus/consumer.ts';
import type { EventDef } from '../src/platform/bus/event.ts';
import type { ModuleDefinition } from '../src/platform/host/module.ts';
import { startTestApp, type TestApp } from './helpers/app.ts';
import { capturedLog, oppositeBatches, priceRound, productIds, productSnapshot } from './helpers/projection-batches.ts';

/**
 * Projections fed batches of price and stock events (a bulk import): two batches over the same
 * products in opposite orders, handled at once as two workers would, must not deadlock (a deadlock
 * shows as the consumer's "running it event by event" retry in the log) and must end with the
 * newest facts. Each handler is run through the consumer's own batch path (handleJobs).
 */
describe('projections lock a batch in one order: concurrent batches queue up, no deadlock', () => {
  let app: TestApp;
  const { log, logged } = capturedLog();
  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product,order,recommendation' });
  }, 60_000);
  afterAll(() => app?.stop());

  const products = productIds(40);
  const snapshot = (p: (typeof products)[number], version: number) => productSnapshot(p, version, 'lock');

  /** Two batches of the payloads, one in the given order and one reversed, handled at the same time. */
  async function concurrently<P>(module: ModuleDefinition, event: EventDef, payloads: P[]): Promise<void> {
    const { orm, bus } = app.platform;
    const results = await oppositeBatches({ handleJobs, orm, bus, log, producer: 'test' }, module, event, payloads);
    expect(results.filter((r) => r.status !== 'completed')).toEqual([]);
  }

  const retries = () =>
    logged
      .filter((l) => /event by event|failed to commit|will be retried/.test(l.msg))
      .map((l) => `${l.msg} ${l.err?.code}`);

  it('recommendation: product announcements, then prices and stock, in opposite orders at once', async () => {
    for (let version = 1; version <= 2; version++)
      await concurrently(
        recommendation,
        ProductUpdated,
        products.map((p) => snapshot(p, version)),
      );
    for (let round = 1; round <= 3; round++) {
      await concurrently(recommendation, PriceChanged, priceRound(products, round));
      await concurrently(
        recommendation,
        StockChanged,
        products.map((p, i) => ({
          variantId: p.variantId,
          available: (round + i) % 2,
          inStock: (round + i) % 2 === 1,
          sequence: round,
        })),
      );
    }
    expect(retries()).toEqual([]);
    const facts = await app.db.query<{
      product_id: string;
      version: number;
      in_stock: boolean;
      lo: number;
      hi: number;
    }>(
      `select p.product_id, p.version, p.in_stock, pp.lo, pp.hi from recommendation.products p
       left join recommendation.product_prices pp on pp.product_id = p.product_id and pp.currency = 'EUR'
       where p.product_id = any($1)`,
      [products.map((p) => p.productId)],
    );
    const byId = new Map(facts.map((f) => [f.product_id, f]));
    products.forEach((p, i) =>
      expect(byId.get(p.productId)).toEqual({
        product_id: p.productId,
        version: 2,
        in_stock: (3 + i) % 2 === 1,
        lo: 300 + i,
        hi: 300 + i,
      }),
    );
  });

  it("order's price and stock projections and product's stock projection", async () => {
    for (let round = 1; round <= 3; round++) {
      const prices = priceRound(products, round);
      const stock = products.map((p, i) => ({
        variantId: p.variantId,
        available: round * 10 + i,
        inStock: true,
        sequence: round,
      }));
      await concurrently(order, PriceChanged, prices);
      await concurrently(order, StockChanged, stock);
      await concurrently(product, StockChanged, stock);
    }
    expect(retries()).toEqual([]);
    const ids = products.map((p) => p.variantId);
    const prices = await app.db.query(
      'select variant_id, amount from "order".variant_prices where variant_id = any($1)',
      [ids],
    );
    const carts = await app.db.query(
      'select variant_id, available from "order".variant_stock where variant_id = any($1)',
      [ids],
    );
    const shelf = await app.db.query(
      'select variant_id, available from product.variant_stock where variant_id = any($1)',
      [ids],
    );
    const amounts = new Map(prices.map((r) => [r.variant_id, r.amount]));
    const available = new Map(carts.map((r) => [r.variant_id, r.available]));
    const shelved = new Map(shelf.map((r) => [r.variant_id, r.available]));
    products.forEach((p, i) => {
      expect(Number(amounts.get(p.variantId))).toBe(300 + i);
      expect(available.get(p.variantId)).toBe(30 + i);
      expect(shelved.get(p.variantId)).toBe(30 + i);
    });
  });
});
