import type { HandlerContext } from '../../../platform/bus/index.ts';
import { OrderConfirmed } from '../contract.ts';
import { nextStatus } from '../domain/order-state.ts';
import type { OrderRow } from '../entities/rows.ts';
import { addTimelineEntry, type TimelineEntryIn } from '../entities/timeline-store.ts';
import { publishCancellation } from './cancel-order.ts';
import { timelineNote } from './note-timeline.ts';
import { counted, recordOrderStep } from './record-order-step.ts';
import { businessMetrics } from '../../../platform/observability/business-metrics.ts';

/**
 * The payment is authorized: the order is confirmed. Paid after a cancel (the timeout): the payment
 * is undone too. `noted` (the authorization's timeline entry) and the confirmation's are written
 * with the order's one update, so order.confirmed is published before it.
 */
export async function confirmOrder(ctx: HandlerContext, o: OrderRow, paymentId: string, noted: TimelineEntryIn) {
  if (o.status === 'canceled') {
    await recordOrderStep(ctx, o, { payment_id: paymentId }, undefined, [noted]);
    return publishCancellation(ctx, o, 'compensation', 'payment arrived after the order was canceled');
  }
  const to = nextStatus(o.status, 'payment_authorized');
  // (a duplicate: a webhook and the shopper's return both said "paid")
  if (!to) return addTimelineEntry(ctx.em, noted);
  const confirmedAt = new Date();
  const confirmed = await ctx.publish(OrderConfirmed, {
    orderId: o.id,
    displayId: o.display_id,
    customerId: o.customer_id,
    email: o.email,
    currency: o.currency as never,
    lines: o.lines as Required<(typeof o.lines)[number]>[],
    totals: o.totals!,
    shippingAddress: o.shipping_address,
    shippingOptionId: o.shipping_option_id,
    paymentId,
    confirmedAt: confirmedAt.toISOString(),
  });
  const details = { paymentId, total: o.totals?.total ?? null };
  await recordOrderStep(ctx, o, { payment_id: paymentId, confirmed_at: confirmedAt }, to, [
    noted,
    timelineNote(o.id, 'confirmed', confirmed, details),
  ]);
  counted(ctx, () => businessMetrics.orderConfirmed(o.currency, o.totals?.total ?? 0));
}
