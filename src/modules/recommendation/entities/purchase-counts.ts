import type { EntityManager } from '../../../platform/db/index.ts';
import { anyOf, recommendationDb, unnestIds } from './db.ts';

/**
 * The one place co-purchase and popularity counts change incrementally: an order adds one to every
 * pair of its distinct products and to each product, and a withdrawn order takes the same back
 * (a count that reaches zero is dropped). Cost: one row per pair, O(products²) per order. Rows are
 * written in key order, so two orders sharing pairs wait for each other instead of deadlocking.
 */
export async function countOrder(em: EntityManager, productIds: string[], delta: 1 | -1): Promise<void> {
  if (!productIds.length) return;
  const db = recommendationDb(em);
  if (delta > 0) {
    await db
      .insertInto('recommendation.co_purchases')
      .columns(['product_id', 'other_id', 'orders'])
      .expression((eb) =>
        eb
          .selectFrom([unnestIds(productIds, 'a'), unnestIds(productIds, 'b')])
          .select((eb) => ['a.a as product_id', 'b.b as other_id', eb.lit(1).as('orders')])
          .whereRef('a.a', '<>', 'b.b')
          .orderBy('a.a')
          .orderBy('b.b'),
      )
      .onConflict((oc) =>
        oc
          .columns(['product_id', 'other_id'])
          .doUpdateSet((eb) => ({ orders: eb('recommendation.co_purchases.orders', '+', 1) })),
      )
      .execute();
    await db
      .insertInto('recommendation.popularity')
      .columns(['product_id', 'orders'])
      .expression((eb) =>
        eb
          .selectFrom(unnestIds(productIds, 'p'))
          .select((eb) => ['p.p as product_id', eb.lit(1).as('orders')])
          .orderBy('p.p'),
      )
      .onConflict((oc) =>
        oc.column('product_id').doUpdateSet((eb) => ({ orders: eb('recommendation.popularity.orders', '+', 1) })),
      )
      .execute();
    return;
  }
  // (rows locked in key order first, so two orders sharing pairs never deadlock)
  await db
    .selectFrom('recommendation.co_purchases')
    .select('product_id')
    .where('product_id', '=', anyOf(productIds))
    .where('other_id', '=', anyOf(productIds))
    .orderBy('product_id')
    .orderBy('other_id')
    .forUpdate()
    .execute();
  await db
    .updateTable('recommendation.co_purchases')
    .set((eb) => ({ orders: eb('orders', '-', 1) }))
    .where('product_id', '=', anyOf(productIds))
    .where('other_id', '=', anyOf(productIds))
    .whereRef('product_id', '<>', 'other_id')
    .execute();
  await db
    .deleteFrom('recommendation.co_purchases')
    .where('product_id', '=', anyOf(productIds))
    .where('orders', '<=', 0)
    .execute();
  await db
    .selectFrom('recommendation.popularity')
    .select('product_id')
    .where('product_id', '=', anyOf(productIds))
    .orderBy('product_id')
    .forUpdate()
    .execute();
  await db
    .updateTable('recommendation.popularity')
    .set((eb) => ({ orders: eb('orders', '-', 1) }))
    .where('product_id', '=', anyOf(productIds))
    .execute();
  await db
    .deleteFrom('recommendation.popularity')
    .where('product_id', '=', anyOf(productIds))
    .where('orders', '<=', 0)
    .execute();
}

export interface OrderStanding {
  confirmed: boolean;
  total: number | null;
  refunded: number;
  withdrawn: boolean;
  counted: string[];
}

/**
 * The order's row, created if new and locked for the rest of the transaction: its confirmation,
 * cancellation and refunds arrive on separate queues, so they are worked one after the other.
 */
export async function lockOrder(em: EntityManager, orderId: string): Promise<OrderStanding> {
  const db = recommendationDb(em);
  await db
    .insertInto('recommendation.orders')
    .values({ order_id: orderId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await db
    .selectFrom('recommendation.orders')
    .select(['confirmed', 'total', 'refunded', 'withdrawn', 'counted'])
    .where('order_id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new Error(`order ${orderId} vanished`);
  return row;
}
