import type { EntityManager } from '../../../platform/db/index.ts';
import { anyOf, recommendationDb } from '../entities/db.ts';
import { countOrder, lockOrder } from '../entities/purchase-counts.ts';
import { OrderVariant } from '../entities/purchase.entity.ts';

/**
 * Stores a confirmed order's variants and, the first time it is seen, counts it for the products
 * those variants belong to (remembered, so a withdrawal takes back exactly that). An order already
 * canceled or refunded in full (its event came first) is stored but not counted. A variant whose
 * product is not known yet is counted by the next rebuild.
 */
export async function recordOrder(
  em: EntityManager,
  o: { orderId: string; variantIds: string[]; confirmedAt: string; total: number },
): Promise<void> {
  const order = await lockOrder(em, o.orderId);
  if (order.confirmed) return;
  const variantIds = [...new Set(o.variantIds)];
  const confirmedAt = new Date(o.confirmedAt);
  if (variantIds.length)
    await em
      .qb(OrderVariant)
      .insert(variantIds.map((variantId) => ({ orderId: o.orderId, variantId, confirmedAt })))
      .onConflict(['orderId', 'variantId'])
      .ignore()
      .execute('run');
  const withdrawn = order.withdrawn || (o.total > 0 && order.refunded >= o.total);
  const db = recommendationDb(em);
  const products = withdrawn
    ? []
    : (
        await db
          .selectFrom('recommendation.variants')
          .select('product_id')
          .distinct()
          .where('variant_id', '=', anyOf(variantIds))
          .where('product_id', 'is not', null)
          .orderBy('product_id')
          .$narrowType<{ product_id: string }>()
          .execute()
      ).map((r) => r.product_id);
  await db
    .updateTable('recommendation.orders')
    .set({ confirmed: true, total: o.total, withdrawn, counted: products })
    .where('order_id', '=', o.orderId)
    .execute();
  await countOrder(em, products, 1);
}
