// What the provider says of refunds: ours done or refused, or one made in its own dashboard.
import { uuidv7 } from '../../../platform/ids.ts';
import { PaymentRefunded, PaymentRefundFailed } from '../contract.ts';
import { refundable, statusAfterRefund } from '../domain/payment-state.ts';
import { updatePayment, type PaymentRow } from '../entities/payments.ts';
import { completeRefund, insertRefund, pendingRefunds, type RefundRow } from '../entities/refunds.ts';
import { currencyOf, type PaymentTx } from './payment-transitions.ts';

export async function refundSucceeded(
  { em, publish }: PaymentTx,
  p: PaymentRow,
  refund: RefundRow,
  providerRef: string | null,
): Promise<boolean> {
  if (refund.status !== 'pending') return false;
  await completeRefund(em, refund.id, 'succeeded', { providerRef });
  await updatePayment(em, p.id, statusAfterRefund(p, refund.amount));
  await publish(PaymentRefunded, {
    orderId: p.orderId,
    paymentId: p.id,
    amount: refund.amount,
    currency: currencyOf(p),
    voided: false,
  });
  return true;
}

export async function refundFailed(
  { em, publish }: PaymentTx,
  p: PaymentRow,
  refund: RefundRow,
  code: string,
  detail: string,
): Promise<boolean> {
  if (refund.status !== 'pending') return false;
  await completeRefund(em, refund.id, 'failed', { failureReason: `${code}: ${detail}` });
  if (refund.origin === 'request') {
    await publish(PaymentRefundFailed, {
      orderId: p.orderId,
      paymentId: p.id,
      amount: refund.amount,
      currency: currencyOf(p),
      reason: 'provider_refused',
      detail,
    });
  } else {
    // A cancellation's refund refused by the provider: money a canceled order still holds.
    await updatePayment(em, p.id, { needsAttention: `refund of ${refund.amount} refused: ${code}: ${detail}` });
  }
  return true;
}

/** The provider reports more refunded than we know of (a refund made in its dashboard): record it. */
export async function recordProviderRefunds(
  { em, publish }: PaymentTx,
  p: PaymentRow,
  amountRefunded: number,
): Promise<boolean> {
  if (p.status !== 'captured' && p.status !== 'partially_refunded') return false;
  const known = p.capturedAmount - refundable(p, await pendingRefunds(em, p.id));
  const extra = Math.min(amountRefunded - known, p.capturedAmount - p.refundedAmount);
  if (extra <= 0) return false;
  await insertRefund(em, {
    id: uuidv7(),
    paymentId: p.id,
    amount: extra,
    currency: p.currency,
    status: 'succeeded',
    origin: 'provider',
    reason: 'refunded at the provider',
  });
  await updatePayment(em, p.id, statusAfterRefund(p, extra));
  await publish(PaymentRefunded, {
    orderId: p.orderId,
    paymentId: p.id,
    amount: extra,
    currency: currencyOf(p),
    voided: false,
  });
  return true;
}
