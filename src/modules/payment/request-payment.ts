import { uuidv7 } from '../../platform/ids.ts';
import type { Handler } from '../../platform/bus/index.ts';
import type { PayloadOf } from '../../platform/bus/index.ts';
import { query } from '../../platform/db/index.ts';
import type { OrderPaymentRequested } from '../order/contract.ts';
import { kick } from './drive.ts';
import { scheduleRedrive } from './redrive.ts';
import { runtimeOf } from './runtime.ts';
import { findPayment, paymentOfOrder } from './store.ts';
import { markFailed } from './transitions.ts';

/**
 * order.payment_requested: one payment per order. The handler only records it (pending) and
 * schedules the re-drive; the provider is called after the commit, in the background, so a slow
 * provider holds no transaction, lock or bus worker (drive.ts).
 *
 * A redelivered event stops at the inbox; a second request for an order that has a live payment
 * finds it and does nothing (no second payment, no second provider call). After a failed or voided
 * payment, a new request is a new attempt.
 */
export const onPaymentRequested: Handler<PayloadOf<typeof OrderPaymentRequested>> = async (ctx, event) => {
  const rt = runtimeOf(ctx.em);
  const { orderId, customerId, amount, currency, paymentMethod } = event.payload;
  if ((await query(ctx.em, 'select 1 from payment.canceled_orders where order_id = $1', [orderId])).length) {
    ctx.log.info({ orderId }, 'payment requested for an order already canceled: nothing to charge');
    return;
  }
  const id = uuidv7();
  // The partial unique index decides, also against a concurrent request in another process.
  const inserted = await query(
    ctx.em,
    `insert into payment.payments (id, order_id, attempt, provider, amount, currency, status, token, customer_id, correlation_id, request_event_id)
     select $1::uuid, $2::uuid, count(*) + 1, $3::text, $4::int, $5::text, 'pending', $6::text, $7::uuid, $8::text, $9::uuid
     from payment.payments where order_id = $2::uuid
     on conflict (order_id) where status not in ('failed', 'voided') do nothing returning id`,
    [
      id,
      orderId,
      paymentMethod.provider,
      amount,
      currency,
      paymentMethod.token ?? null,
      customerId,
      event.correlationId,
      event.id,
    ],
  );
  if (!inserted.length) {
    const live = await paymentOfOrder(ctx.em, orderId);
    const differs = live && (live.amount !== amount || live.currency !== currency);
    ctx.log[differs ? 'warn' : 'info'](
      { orderId, paymentId: live?.id, amount, currency },
      differs
        ? 'payment requested again with another amount; the live payment stands'
        : 'payment requested again; the order already has a live payment',
    );
    return;
  }
  const provider = rt.providerFor(paymentMethod.provider);
  if ('unavailable' in provider) {
    ctx.log.warn({ orderId, provider: paymentMethod.provider }, provider.unavailable);
    await markFailed(
      { em: ctx.em, rt, publish: ctx.publish },
      (await findPayment(ctx.em, id))!,
      'provider_unavailable',
    );
    return;
  }
  await scheduleRedrive(ctx.em, rt, id, 'authorize');
  ctx.afterCommit(async () => kick(rt, id));
};
