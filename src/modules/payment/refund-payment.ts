import { uuidv7 } from '../../platform/ids.ts';
import type { Handler } from '../../platform/bus/index.ts';
import type { PayloadOf } from '../../platform/bus/index.ts';
import type { OrderRefundRequested } from '../order/contract.ts';
import { PaymentRefundFailed } from './contract.ts';
import { kick } from './drive.ts';
import { scheduleRedrive } from './redrive.ts';
import { runtimeOf } from './runtime.ts';
import { refundable } from './state.ts';
import { findPayment, insertRefund, pendingRefunds, UUID } from './store.ts';

type Refusal = PayloadOf<typeof PaymentRefundFailed>['reason'];

/**
 * order.refund_requested: refund that amount of a captured payment, in part or in whole, as often
 * as asked, but never more than is left (captured, less refunded, less refunds under way). A
 * request we cannot honour refunds NOTHING (not even the part that would fit): it is kept as a
 * `rejected` refund and answered with payment.refund_failed, so staff see why.
 */
export const onRefundRequested: Handler<PayloadOf<typeof OrderRefundRequested>> = async (ctx, event) => {
  const rt = runtimeOf(ctx.em);
  const { orderId, paymentId, amount, currency, reason } = event.payload;
  const p = UUID.test(paymentId) ? await findPayment(ctx.em, paymentId, true) : null;

  const refuse = async (why: Refusal, detail: string) => {
    ctx.log.warn({ orderId, paymentId, amount, why }, `refund refused: ${detail}`);
    if (p && p.orderId === orderId) {
      await insertRefund(ctx.em, {
        id: uuidv7(),
        paymentId: p.id,
        amount,
        currency,
        status: 'rejected',
        origin: 'request',
        reason,
        failureReason: `${why}: ${detail}`,
        requestEventId: event.id,
      });
    }
    await ctx.publish(PaymentRefundFailed, { orderId, paymentId, amount, currency, reason: why, detail });
  };

  if (!p || p.orderId !== orderId) return refuse('unknown_payment', `no payment ${paymentId} for order ${orderId}`);
  if (currency !== p.currency)
    return refuse('currency_mismatch', `the payment is in ${p.currency}, the refund in ${currency}`);
  if (p.status !== 'captured' && p.status !== 'partially_refunded' && p.status !== 'refunded') {
    return refuse(
      'not_captured',
      `the payment is ${p.status}; only captured money can be refunded (cancel the order to void an authorization)`,
    );
  }
  const left = refundable(p, await pendingRefunds(ctx.em, p.id));
  if (amount > left) return refuse('exceeds_refundable', `${amount} asked, ${left} left to refund`);

  await insertRefund(ctx.em, {
    id: uuidv7(),
    paymentId: p.id,
    amount,
    currency,
    status: 'pending',
    origin: 'request',
    reason,
    requestEventId: event.id,
  });
  await scheduleRedrive(ctx.em, rt, p.id, `refund:${event.id}`);
  ctx.afterCommit(async () => kick(rt, p.id));
};
