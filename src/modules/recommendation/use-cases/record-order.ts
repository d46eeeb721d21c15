import type { EntityManager } from '../../../platform/db/index.ts';
import { OrderVariant } from '../entities/purchase.entity.ts';

/**
 * Stores a confirmed order's variants and, the first time it is seen, adds one to the co-purchase
 * count of every pair of its products and to each product's popularity: O(products²) per order.
 * A variant whose product is not known yet is counted by the next rebuild.
 */
export async function recordOrder(
  em: EntityManager,
  o: { orderId: string; variantIds: string[]; confirmedAt: string },
): Promise<void> {
  const variantIds = [...new Set(o.variantIds)];
  if (!variantIds.length) return;
  // (the inbox delivers an event once; this also guards a replayed order)
  if (await em.count(OrderVariant, { orderId: o.orderId })) return;
  const confirmedAt = new Date(o.confirmedAt);
  await em
    .qb(OrderVariant)
    .insert(variantIds.map((variantId) => ({ orderId: o.orderId, variantId, confirmedAt })))
    .execute('run');
  const products = `(select distinct v.product_id from recommendation.variants v
    where v.variant_id = any(?::uuid[]) and v.product_id is not null)`;
  const ids = `{${variantIds.join(',')}}`;
  await em.execute(
    `insert into recommendation.co_purchases (product_id, other_id, orders)
     select a.product_id, b.product_id, 1 from ${products} a, ${products} b where a.product_id <> b.product_id
     on conflict (product_id, other_id) do update set orders = recommendation.co_purchases.orders + 1`,
    [ids, ids],
    'run',
  );
  await em.execute(
    `insert into recommendation.popularity (product_id, orders) select product_id, 1 from ${products} p
     on conflict (product_id) do update set orders = recommendation.popularity.orders + 1`,
    [ids],
    'run',
  );
}
