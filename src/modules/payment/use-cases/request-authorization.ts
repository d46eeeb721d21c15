import { uuidv7 } from '../../../platform/ids.ts';
import type { Envelope, HandlerContext, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderPaymentRequested } from '../../order/contract.ts';
import { findPayment, insertPendingPayment, paymentOfOrder } from '../entities/payments.ts';
import { runtimeOf } from '../runtime.ts';
import { startProviderCalls } from './make-provider-calls.ts';
import { markFailed } from './payment-transitions.ts';
import { scheduleProviderCallDue } from './schedule-provider-call-due.ts';

/**
 * One payment per order. This only records it (pending) and schedules the check; the provider is
 * called after the commit, in the background, so a slow provider holds no transaction, lock or bus
 * worker (make-provider-calls.ts).
 *
 * A second request for an order that has a live payment finds it and does nothing (no second
 * payment, no second provider call). After a failed or voided payment, a new request is a new attempt.
 */
export async function requestAuthorization(
  ctx: HandlerContext,
  event: Envelope<PayloadOf<typeof OrderPaymentRequested>>,
): Promise<void> {
  const rt = runtimeOf(ctx.em);
  const { orderId, customerId, amount, currency, paymentMethod } = event.payload;
  const id = uuidv7();
  const outcome = await insertPendingPayment(ctx.em, {
    id,
    orderId,
    provider: paymentMethod.provider,
    amount,
    currency,
    token: paymentMethod.token ?? null,
    customerId,
    correlationId: event.correlationId,
    requestEventId: event.id,
  });
  if (outcome === 'canceled') {
    ctx.log.info({ orderId }, 'payment requested for an order already canceled: nothing to charge');
    return;
  }
  if (outcome === 'live') {
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
  const provider = rt.providers.providerFor(paymentMethod.provider);
  if ('unavailable' in provider) {
    ctx.log.warn({ orderId, provider: paymentMethod.provider }, provider.unavailable);
    const tx = { em: ctx.em, rt, publish: ctx.publish };
    await markFailed(tx, (await findPayment(ctx.em, id))!, 'provider_unavailable');
    return;
  }
  await scheduleProviderCallDue(ctx.em, rt, id, 'authorize');
  ctx.afterCommit(async () => startProviderCalls(rt, id));
}
