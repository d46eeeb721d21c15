import { uuidv7 } from '../../../platform/ids.ts';
import type { HandlerContext } from '../../../platform/bus/index.ts';
import { refundable } from '../domain/payment-state.ts';
import { rememberCanceledOrder } from '../entities/canceled-orders.ts';
import { paymentOfOrder, updatePayment } from '../entities/payments.ts';
import { insertRefund, pendingRefunds } from '../entities/refunds.ts';
import { runtimeOf } from '../runtime.ts';
import { startProviderCalls } from './make-provider-calls.ts';
import { markVoided } from './payment-transitions.ts';
import { scheduleProviderCallDue } from './schedule-provider-call-due.ts';

/**
 * Undoes an order's payment. Pending: voided at once (payment.refunded, voided, amount 0); if the
 * provider already answered (a Stripe intent awaiting the shopper), it is canceled there too, and
 * an authorization still under way is let go when it lands (record-authorization.ts). Authorized:
 * voided at the provider, then payment.refunded (voided). Captured: whatever is left is refunded,
 * then payment.refunded. Failed, voided or refunded: nothing. A second cancellation changes nothing.
 */
export async function cancelPayment(ctx: HandlerContext, orderId: string, reason: string): Promise<void> {
  const rt = runtimeOf(ctx.em);
  await rememberCanceledOrder(ctx.em, orderId);
  const p = await paymentOfOrder(ctx.em, orderId, true);
  if (!p) return;
  const tx = { em: ctx.em, rt, publish: ctx.publish };
  switch (p.status) {
    case 'pending':
      await markVoided(tx, p);
      if (p.providerRef) {
        await updatePayment(ctx.em, p.id, { releaseRequired: 'void' });
        await scheduleProviderCallDue(ctx.em, rt, p.id, 'cancel');
        ctx.afterCommit(async () => startProviderCalls(rt, p.id));
      }
      return;
    case 'authorized':
      if (p.cancelRequestedAt) return;
      await updatePayment(ctx.em, p.id, { cancelRequestedAt: new Date() });
      break;
    case 'captured':
    case 'partially_refunded': {
      if (p.cancelRequestedAt) return;
      await updatePayment(ctx.em, p.id, { cancelRequestedAt: new Date() });
      const left = refundable(p, await pendingRefunds(ctx.em, p.id));
      if (left <= 0) return;
      await insertRefund(ctx.em, {
        id: uuidv7(),
        paymentId: p.id,
        amount: left,
        currency: p.currency,
        status: 'pending',
        origin: 'cancel',
        reason: `order canceled: ${reason}`,
      });
      break;
    }
    default:
      return;
  }
  await scheduleProviderCallDue(ctx.em, rt, p.id, 'cancel');
  ctx.afterCommit(async () => startProviderCalls(rt, p.id));
}
