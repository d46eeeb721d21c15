import { LockMode } from '@mikro-orm/core';
import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderCanceled } from '../../order/contract.ts';
import { canTransition, transition } from '../domain/shipment-status.ts';
import { CanceledOrder } from '../entities/canceled-order.entity.ts';
import { lockOrder } from '../entities/locks.ts';
import { Shipment } from '../entities/shipment.entity.ts';

/**
 * A canceled order's pending shipment is canceled. One that has left stays as it is (the goods are
 * on their way: a return, not a cancellation), which staff must know about. An order with no
 * shipment yet is remembered, so a late confirmation makes none.
 */
export const onOrderCanceled: Handler<PayloadOf<typeof OrderCanceled>> = async ({ em, log }, { payload: o }) => {
  await lockOrder(em, o.orderId);
  const s = await em.findOne(Shipment, { orderId: o.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!s) {
    await em
      .qb(CanceledOrder)
      .insert({ orderId: o.orderId, reason: o.reason })
      .onConflict('orderId')
      .ignore()
      .execute('run');
    return;
  }
  if (s.status === 'canceled') return;
  if (!canTransition(s.status, 'cancel')) {
    log.warn(
      { orderId: o.orderId, shipmentId: s.id, status: s.status, reason: o.reason },
      'order canceled after its shipment left; the shipment stays',
    );
    return;
  }
  const now = new Date();
  s.status = transition(s.status, 'cancel');
  s.cancelReason = o.reason;
  s.canceledAt = now;
  s.updatedAt = now;
  await em.flush();
};
