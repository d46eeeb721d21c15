import type { HandlerContext } from '../../../platform/bus/index.ts';
import { OrderPaymentRequested } from '../contract.ts';
import { nextStatus } from '../domain/order-state.ts';
import type { OrderChanges } from '../entities/order-store.ts';
import type { OrderRow } from '../entities/rows.ts';
import type { TimelineEntryIn } from '../entities/timeline-store.ts';
import { timelineNote } from './note-timeline.ts';
import { recordOrderStep } from './record-order-step.ts';

/**
 * Records pricing's or inventory's answer (`noted`, its timeline entry, goes with it); once the order
 * is both priced and reserved, asks for the money (an order left awaiting payment too long is
 * canceled by the deadline sweep). The request is published first so that its timeline entry is
 * written by the order's one update.
 */
export async function requestPaymentWhenReady(
  ctx: HandlerContext,
  o: OrderRow,
  changes: OrderChanges,
  noted: TimelineEntryIn,
) {
  const ready = (changes.priced ?? o.priced) && (changes.reservation_id ?? o.reservation_id);
  const to = ready ? nextStatus(o.status, 'priced_and_reserved') : null;
  if (!to) return recordOrderStep(ctx, o, changes, undefined, [noted]);
  const amount = (changes.totals ?? o.totals)!.total;
  const requested = await ctx.publish(OrderPaymentRequested, {
    orderId: o.id,
    customerId: o.customer_id,
    email: o.email,
    amount,
    currency: o.currency as never,
    paymentMethod: o.payment_method,
  });
  const details = { amount, currency: o.currency, provider: o.payment_method.provider };
  await recordOrderStep(ctx, o, changes, to, [noted, timelineNote(o.id, 'payment_requested', requested, details)]);
}
