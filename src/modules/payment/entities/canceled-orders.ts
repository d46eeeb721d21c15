// Orders canceled here: a payment request that arrives after the cancellation charges nothing.
import type { EntityManager } from '../../../platform/db/index.ts';
import { CanceledOrder } from './canceled-order.entity.ts';

/** Remembers the order as canceled (once; a second cancellation changes nothing). */
export async function rememberCanceledOrder(em: EntityManager, orderId: string): Promise<void> {
  await em.qb(CanceledOrder).insert({ orderId }).onConflict('orderId').ignore().execute('run');
}
