import type { EntityManager } from '../../../platform/db/index.ts';
import { countOrder, lockOrder } from '../entities/purchase-counts.ts';
import { RecOrder } from '../entities/purchase.entity.ts';

/**
 * A canceled order no longer says its products go together: what its confirmation counted is taken
 * back, once (a second cancellation, or a refund after it, finds it withdrawn). Known before its
 * confirmation, it keeps that confirmation from counting.
 */
export async function withdrawOrder(em: EntityManager, orderId: string): Promise<void> {
  const order = await lockOrder(em, orderId);
  if (order.withdrawn) return;
  await em.qb(RecOrder).update({ withdrawn: true, counted: [] }).where({ orderId }).execute('run');
  await countOrder(em, order.counted, -1);
}
