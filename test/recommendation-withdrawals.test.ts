import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import pg from 'pg';
import { OrderCanceled, OrderConfirmed } from '../src/modules/order/contract.ts';
import { eventually, type TestApp } from './helpers/app.ts';
import { recommendationHelpers, startRecommendationApp } from './helpers/recommendation.ts';
import { confirmedOrder } from './helpers/review.ts';
import { staffToken } from './helpers/staff.ts';

/**
 * Canceled and refunded orders leave "bought together" and "popular in this category", once; the
 * rebuild (a bus task) recomputes the same counts. Order and payment are played by their events.
 */
describe('recommendation: canceled and refunded orders, rebuild task', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startRecommendationApp();
  });
  afterAll(() => app?.stop());
  const { announce, product, order, cancel, refund, forProduct } = recommendationHelpers(() => app);
  const scores = async (productId: string, kind: string) =>
    (await app.request('GET', `/store/products/${productId}/recommendations?kind=${kind}`))
      .json()
      .items.map((i: { productId: string; score: number }) => [i.productId, i.score]);
  const counts = async (ids: string[]) =>
    app.db.query(
      `select product_id, other_id, orders from recommendation.co_purchases
       where product_id = any($1) order by product_id, other_id`,
      [ids],
    );

  it('a canceled order is subtracted from bought together and popularity, once, whatever order the events come in', async () => {
    const cat = uuidv7();
    const [a, b, c] = [
      await product({ categoryIds: [cat] }),
      await product({ categoryIds: [cat] }),
      await product({ categoryIds: [cat] }),
    ];
    const kept = (await order([a.variantId, b.variantId])).payload.orderId;
    const canceled = (await order([a.variantId, b.variantId, c.variantId])).payload.orderId;
    expect(await scores(a.productId, 'bought_together')).toEqual([
      [b.productId, 2],
      [c.productId, 1],
    ]);
    await cancel(canceled);
    expect(await scores(a.productId, 'bought_together')).toEqual([[b.productId, 1]]);
    expect(await forProduct(c.productId, 'bought_together')).toEqual([]);
    expect((await scores(c.productId, 'popular_in_category')).map(([, n]: [string, number]) => n)).toEqual([1, 1]);
    // A second cancellation, and a refund after it, take nothing more.
    await cancel(canceled);
    await refund(canceled, 1695, true);
    expect(await scores(a.productId, 'bought_together')).toEqual([[b.productId, 1]]);

    // Canceled before its confirmation is handled (queues do not keep order): never counted.
    const early = uuidv7();
    await cancel(early);
    const confirmed = confirmedOrder(early, null, a.variantId);
    const line = confirmed.lines[0];
    if (!line) throw new Error('no line');
    await announce(
      OrderConfirmed,
      { ...confirmed, lines: [line, { ...line, lineId: uuidv7(), variantId: b.variantId }] },
      'order',
    );
    expect(await scores(a.productId, 'bought_together')).toEqual([[b.productId, 1]]);
    await cancel(kept);
    expect(await forProduct(a.productId, 'bought_together')).toEqual([]);
    expect(await counts([a.productId, b.productId, c.productId])).toEqual([]);
  });

  it('refunds that reach the order total withdraw it; a partial refund does not', async () => {
    const a = await product();
    const b = await product();
    const partly = (await order([a.variantId, b.variantId])).payload.orderId;
    const fully = (await order([a.variantId, b.variantId])).payload.orderId;
    expect(await scores(a.productId, 'bought_together')).toEqual([[b.productId, 2]]);
    await refund(partly, 500);
    await refund(fully, 1000);
    expect(await scores(a.productId, 'bought_together')).toEqual([[b.productId, 2]]);
    await refund(fully, 695); // 1000 + 695 = the order's 1695
    expect(await scores(a.productId, 'bought_together')).toEqual([[b.productId, 1]]);
    await refund(partly, 1195, true);
    expect(await forProduct(a.productId, 'bought_together')).toEqual([]);
  });

  it('the rebuild is a task answered 202; it gives the incremental counts (withdrawn orders left out), run once or twice', async () => {
    const a = await product();
    const b = await product();
    const c = await product();
    await order([a.variantId, b.variantId]);
    await order([a.variantId, b.variantId, c.variantId]);
    await cancel((await order([b.variantId, c.variantId])).payload.orderId);
    const lateVariant = uuidv7();
    await order([a.variantId, lateVariant]);
    const late = await product({ variantId: lateVariant });
    const ids = [a.productId, b.productId, c.productId, late.productId];
    const incremental = await counts(ids);
    expect(await scores(a.productId, 'bought_together')).toEqual([
      [b.productId, 2],
      [c.productId, 1],
    ]);

    const url = '/admin/recommendations/rebuild';
    expect((await app.request('POST', url)).statusCode).toBe(401);
    expect((await app.request('POST', url, { token: await staffToken(app, ['catalog:read']) })).statusCode).toBe(403);
    const token = await staffToken(app, ['catalog:write']);
    // (garbage in the counts, as a bug or a lost event would leave, is what a rebuild repairs)
    await app.db.query('update recommendation.co_purchases set orders = 99 where product_id = $1', [b.productId]);
    const rebuilt = async () => {
      const res = await app.request('POST', url, { token });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json().taskId).toMatch(/^[0-9a-f-]{36}$/);
      await eventually(async () => (await scores(late.productId, 'bought_together')).length > 0);
      await eventually(async () => (await counts([b.productId])).every((r) => r.orders < 99));
      return counts(ids);
    };
    const once = await rebuilt();
    // The late variant's order now pairs A with it; everything else is what the handlers counted.
    expect(once.filter((r) => r.product_id !== late.productId && r.other_id !== late.productId)).toEqual(incremental);
    expect(await scores(late.productId, 'bought_together')).toEqual([[a.productId, 1]]);
    await app.db.query('delete from recommendation.popularity');
    const twice = await rebuilt();
    expect(twice).toEqual(once);
    expect((await scores(a.productId, 'popular_in_category')).length).toBe(0); // (no category)
  });

  it('a withdrawal waits for a rebuild in progress instead of being lost in it', async () => {
    const a = await product();
    const b = await product();
    const o = (await order([a.variantId, b.variantId])).payload.orderId;
    const rebuild = new pg.Client({ connectionString: app.db.url });
    await rebuild.connect();
    await rebuild.query('begin');
    await rebuild.query('lock table recommendation.orders in exclusive mode');
    const env = await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, OrderCanceled, cancelPayload(o), { producer: 'order' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(await scores(a.productId, 'bought_together')).toEqual([[b.productId, 1]]);
    await rebuild.query('commit');
    await rebuild.end();
    await eventually(
      async () => (await app.db.query('select 1 from recommendation.inbox where event_id = $1', [env.id])).length > 0,
    );
    expect(await forProduct(a.productId, 'bought_together')).toEqual([]);
  });
});

const cancelPayload = (orderId: string) => ({
  orderId,
  displayId: 'T-1',
  customerId: null,
  email: 'ada@example.com',
  reason: 'Canceled by staff',
  reasonCode: 'canceled_by_staff' as const,
  reservationId: null,
  paymentId: null,
  canceledAt: new Date().toISOString(),
});
