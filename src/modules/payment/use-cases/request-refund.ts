import { uuidv7 } from '../../../platform/ids.ts';
import type { Envelope, HandlerContext, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderRefundRequested } from '../../order/contract.ts';
import { PaymentRefundFailed } from '../contract.ts';
import { refundRefusal } from '../domain/refund-request.ts';
import { findPayment } from '../entities/payments.ts';
import { insertRefund, pendingRefunds } from '../entities/refunds.ts';
import { runtimeOf } from '../runtime.ts';
import { startProviderCalls } from './make-provider-calls.ts';
import { scheduleProviderCallDue } from './schedule-provider-call-due.ts';

/**
 * Refunds that amount of a captured payment (domain/refund-request.ts says when it can). A request
 * we cannot honour refunds nothing: it is kept as a `rejected` refund and answered with
 * payment.refund_failed, so staff see why.
 */
export async function requestRefund(
  ctx: HandlerContext,
  event: Envelope<PayloadOf<typeof OrderRefundRequested>>,
): Promise<void> {
  const rt = runtimeOf(ctx.em);
  const { orderId, paymentId, amount, currency, reason } = event.payload;
  const p = await findPayment(ctx.em, paymentId, true);
  // Only captured money has refunds under way worth reading.
  const capturedOnce = p && (p.status === 'captured' || p.status === 'partially_refunded' || p.status === 'refunded');
  const pending = capturedOnce ? await pendingRefunds(ctx.em, p.id) : [];
  const refusal = refundRefusal(p, event.payload, pending);
  const refund = { id: uuidv7(), amount, currency, origin: 'request' as const, reason, requestEventId: event.id };

  if (refusal) {
    ctx.log.warn({ orderId, paymentId, amount, why: refusal.why }, `refund refused: ${refusal.detail}`);
    if (p && p.orderId === orderId) {
      const failureReason = `${refusal.why}: ${refusal.detail}`;
      await insertRefund(ctx.em, { ...refund, paymentId: p.id, status: 'rejected', failureReason });
    }
    const { why, detail } = refusal;
    await ctx.publish(PaymentRefundFailed, { orderId, paymentId, amount, currency, reason: why, detail });
    return;
  }
  await insertRefund(ctx.em, { ...refund, paymentId: p!.id, status: 'pending' });
  await scheduleProviderCallDue(ctx.em, rt, p!.id, `refund:${event.id}`);
  ctx.afterCommit(async () => startProviderCalls(rt, p!.id));
}
