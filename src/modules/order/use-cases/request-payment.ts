import type { HandlerContext } from '../../../platform/bus/index.ts';
import { OrderPaymentRequested } from '../contract.ts';
import { nextStatus } from '../domain/order-state.ts';
import type { OrderChanges } from '../entities/order-store.ts';
import type { OrderRow } from '../entities/rows.ts';
import { orderModule } from '../runtime.ts';
import { PaymentTimeoutDue } from './payment-timeout.ts';
import { noteEvent } from './note-timeline.ts';
import { recordOrderStep } from './record-order-step.ts';

/**
 * Records pricing's or inventory's answer; once the order is both priced and reserved, asks for
 * the money and starts the clock on it (order.payment_timeout_due).
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
  const { platform } = orderModule();
  const startAfter = new Date(Date.now() + platform.config.PAYMENT_TIMEOUT_SECONDS * 1000);
  await platform.bus.schedule(ctx.em, PaymentTimeoutDue, { orderId: o.id }, { startAfter, key: o.id });
}
