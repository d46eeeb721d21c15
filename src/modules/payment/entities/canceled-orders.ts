// Orders canceled here: a payment request that arrives after the cancellation charges nothing.
import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { CanceledOrder } from './canceled-order.entity.ts';

/** Remembers the order as canceled (once; a second cancellation changes nothing). */
export async function rememberCanceledOrder(em: EntityManager, orderId: string): Promise<void> {
  await em.qb(CanceledOrder).insert({ orderId }).onConflict('orderId').ignore().execute('run');
}

export async function wasOrderCanceled(em: EntityManager, orderId: string): Promise<boolean> {
  const rows = await query<{ one: number }>(em, 'select 1 as one from payment.canceled_orders where order_id = $1', [
    orderId,
  ]);
  return rows.length > 0;
}
