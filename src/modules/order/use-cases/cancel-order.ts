import type { Platform } from '../../../platform/host/platform.ts';
import { publisherFor } from '../../../platform/host/platform.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { OrderCanceled, type CancelCode } from '../contract.ts';
import { nextStatus } from '../domain/order-state.ts';
import { lockOrder, type OrderChanges } from '../entities/order-store.ts';
import type { OrderRow } from '../entities/rows.ts';
import { recordOrderStep, type StepContext } from './record-order-step.ts';
import { noteEvent } from './note-timeline.ts';
import { recordAudit, staffIdOf, type Actor } from '../../../platform/auth/audit.ts';
import { businessMetrics } from '../../../platform/observability/business-metrics.ts';

/**
 * Cancels and tells every participant to undo its part (release stock, void or refund, give back
 * a code). False when the order can no longer be canceled (its `changes` are still written).
 */
export async function cancelOrder(
  ctx: StepContext,
  o: OrderRow,
  code: CancelCode,
  reason: string,
  changes: OrderChanges = {},
  actorId: string | null = null,
): Promise<boolean> {
  const to = nextStatus(o.status, 'cancel');
  if (!to) {
    if (Object.keys(changes).length) await recordOrderStep(ctx, o, changes);
    return false;
  }
  await recordOrderStep(ctx, o, { ...changes, cancel_reason: reason, canceled_at: new Date() }, to);
  const canceled = await publishCancellation(ctx, o, code, reason);
  await noteEvent(ctx.em, o.id, 'canceled', canceled, { reason, code }, actorId);
  businessMetrics.orderCanceled(o.currency, code);
  return true;
}

/** order.canceled: also sent again for a canceled order, so a participant undoes what landed late. */
export async function publishCancellation(ctx: StepContext, o: OrderRow, reasonCode: CancelCode, reason: string) {
  return ctx.publish(OrderCanceled, {
    orderId: o.id,
    displayId: o.display_id,
    customerId: o.customer_id,
    email: o.email,
    reason,
    reasonCode,
    reservationId: o.reservation_id,
    paymentId: o.payment_id,
    canceledAt: new Date().toISOString(),
    currency: o.currency as never,
    total: o.totals?.total ?? null,
  });
}

/** An order still awaiting payment is canceled (the payment failed, or its time is up). */
export async function cancelUnpaidOrder(
  ctx: StepContext,
  o: OrderRow | undefined,
  code: CancelCode,
  reason: string,
  changes: OrderChanges = {},
) {
  if (o?.status === 'awaiting_payment') await cancelOrder(ctx, o, code, reason, changes);
}

/** Staff cancel an order: stock released, payment voided or refunded. A final order is a 409. */
export async function cancelOrderByStaff(
  platform: Platform,
  orderId: string,
  reason: string,
  actor: Actor,
): Promise<OrderRow> {
  const publish = publisherFor(platform, 'order');
  return platform.orm.em.fork().transactional(async (em) => {
    const o = await lockOrder(em, orderId);
    if (!o) throw new NotFound('Order');
    const ctx: StepContext = { em, publish: (event, payload) => publish(em, event, payload) };
    const before = o.status;
    if (!(await cancelOrder(ctx, o, 'canceled_by_staff', reason, {}, staffIdOf(actor))))
      throw new Conflict(`a ${o.status} order cannot be canceled`);
    await recordAudit(publish, em, actor, {
      action: 'order.cancel',
      resourceType: 'order',
      resourceId: orderId,
      before: { status: before },
      after: { status: o.status, reason },
    });
    return o;
  });
}
