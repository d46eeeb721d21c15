import type { HandlerContext } from '../../../platform/bus/index.ts';
import { OrderConfirmed } from '../contract.ts';
import { nextStatus } from '../domain/order-state.ts';
import type { OrderRow } from '../entities/rows.ts';
import { publishCancellation } from './cancel-order.ts';
import { noteEvent } from './note-timeline.ts';
import { recordOrderStep } from './record-order-step.ts';
import { businessMetrics } from '../../../platform/observability/business-metrics.ts';

/** The payment is authorized: the order is confirmed. Paid after a cancel (the timeout): the payment is undone too. */
export async function confirmOrder(ctx: HandlerContext, o: OrderRow, paymentId: string) {
  if (o.status === 'canceled') {
    await recordOrderStep(ctx, o, { payment_id: paymentId });
    return publishCancellation(ctx, o, 'compensation', 'payment arrived after the order was canceled');
  }
  const to = nextStatus(o.status, 'payment_authorized');
  if (!to) return; // a duplicate (a webhook and the shopper's return both said "paid")
  await recordOrderStep(ctx, o, { payment_id: paymentId, confirmed_at: new Date() }, to);
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
    confirmedAt: new Date().toISOString(),
  });
  await noteEvent(ctx.em, o.id, 'confirmed', confirmed, { paymentId, total: o.totals?.total ?? null });
  businessMetrics.orderConfirmed(o.currency, o.totals?.total ?? 0);
}
