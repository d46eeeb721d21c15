import type { EntityManager } from '../../../platform/db/index.ts';

/**
 * The one place co-purchase and popularity counts change incrementally: an order adds one to every
 * pair of its distinct products and to each product, and a withdrawn order takes the same back
 * (a count that reaches zero is dropped). Cost: one row per pair, O(products²) per order. Rows are
 * written in key order, so two orders sharing pairs wait for each other instead of deadlocking.
 */
export async function countOrder(em: EntityManager, productIds: string[], delta: 1 | -1): Promise<void> {
  if (!productIds.length) return;
  const ids = `{${productIds.join(',')}}`;
  if (delta > 0) {
    await em.execute(
      `insert into recommendation.co_purchases (product_id, other_id, orders)
       select a, b, 1 from unnest(?::uuid[]) a, unnest(?::uuid[]) b where a <> b order by a, b
       on conflict (product_id, other_id) do update set orders = recommendation.co_purchases.orders + 1`,
      [ids, ids],
      'run',
    );
    await em.execute(
      `insert into recommendation.popularity (product_id, orders) select p, 1 from unnest(?::uuid[]) p order by p
       on conflict (product_id) do update set orders = recommendation.popularity.orders + 1`,
      [ids],
      'run',
    );
    return;
  }
  // (rows locked in key order first, so two orders sharing pairs never deadlock)
  await em.execute(
    `select 1 from recommendation.co_purchases where product_id = any(?::uuid[]) and other_id = any(?::uuid[])
     order by product_id, other_id for update`,
    [ids, ids],
    'all',
  );
  await em.execute(
    `update recommendation.co_purchases set orders = orders - 1
     where product_id = any(?::uuid[]) and other_id = any(?::uuid[]) and product_id <> other_id`,
    [ids, ids],
    'run',
  );
  await em.execute(
    'delete from recommendation.co_purchases where product_id = any(?::uuid[]) and orders <= 0',
    [ids],
    'run',
  );
  await em.execute(
    'select 1 from recommendation.popularity where product_id = any(?::uuid[]) order by product_id for update',
    [ids],
    'all',
  );
  await em.execute(
    'update recommendation.popularity set orders = orders - 1 where product_id = any(?::uuid[])',
    [ids],
    'run',
  );
  await em.execute(
    'delete from recommendation.popularity where product_id = any(?::uuid[]) and orders <= 0',
    [ids],
    'run',
  );
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
  await em.execute('insert into recommendation.orders (order_id) values (?) on conflict do nothing', [orderId], 'run');
  const [row] = await em.execute<
    { confirmed: boolean; total: number | null; refunded: number; withdrawn: boolean; counted: string[] }[]
  >(
    'select confirmed, total, refunded, withdrawn, counted from recommendation.orders where order_id = ? for update',
    [orderId],
    'all',
  );
  if (!row) throw new Error(`order ${orderId} vanished`);
  return row;
}
