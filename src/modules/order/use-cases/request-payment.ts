import type { HandlerContext } from '../../../platform/bus/index.ts';
import { OrderPaymentRequested } from '../contract.ts';
import { nextStatus } from '../domain/order-state.ts';
import type { OrderChanges } from '../entities/order-store.ts';
import type { OrderRow } from '../entities/rows.ts';
import { noteEvent } from './note-timeline.ts';
import { recordOrderStep } from './record-order-step.ts';

/**
 * Records pricing's or inventory's answer; once the order is both priced and reserved, asks for
 * the money (an order left awaiting payment too long is canceled by the deadline sweep).
 */
export async function requestPaymentWhenReady(ctx: HandlerContext, o: OrderRow, changes: OrderChanges) {
  const ready = (changes.priced ?? o.priced) && (changes.reservation_id ?? o.reservation_id);
  const to = ready ? nextStatus(o.status, 'priced_and_reserved') : null;
  await recordOrderStep(ctx, o, changes, to ?? undefined);
  if (!to) return;
  const requested = await ctx.publish(OrderPaymentRequested, {
    orderId: o.id,
    customerId: o.customer_id,
    email: o.email,
    amount: o.totals!.total,
    currency: o.currency as never,
    paymentMethod: o.payment_method,
  });
  const details = { amount: o.totals!.total, currency: o.currency, provider: o.payment_method.provider };
  await noteEvent(ctx.em, o.id, 'payment_requested', requested, details);
}
