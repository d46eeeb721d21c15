import type { EntityManager } from '../../../platform/db/index.ts';
import { recommendationDb } from '../entities/db.ts';
import { lockOrder } from '../entities/purchase-counts.ts';
import { withdrawOrder } from './withdraw-order.ts';

/**
 * Money given back: refunds add up, and once they reach the order's total (or the authorization
 * is voided) the order is withdrawn as if canceled. A partial refund leaves the counts alone.
 */
export async function recordRefund(
  em: EntityManager,
  r: { orderId: string; amount: number; voided: boolean },
): Promise<void> {
  const order = await lockOrder(em, r.orderId);
  const refunded = order.refunded + r.amount;
  await recommendationDb(em)
    .updateTable('recommendation.orders')
    .set({ refunded })
    .where('order_id', '=', r.orderId)
    .execute();
  const full = r.voided || (order.total !== null && order.total > 0 && refunded >= order.total);
  if (full) await withdrawOrder(em, r.orderId);
}
