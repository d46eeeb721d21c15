import { refundable, type PaymentStatus } from './payment-state.ts';

export type RefundRefusal = 'unknown_payment' | 'currency_mismatch' | 'not_captured' | 'exceeds_refundable';

interface RefundablePayment {
  orderId: string;
  currency: string;
  status: PaymentStatus;
  capturedAmount: number;
  refundedAmount: number;
}

/**
 * Whether a refund staff asked for can be made: any amount up to what is left (captured, less
 * refunded, less refunds under way), as often as asked. A request that does not fit refunds
 * nothing, not even the part that would fit: the answer says why.
 */
export function refundRefusal(
  p: RefundablePayment | null,
  request: { orderId: string; paymentId: string; amount: number; currency: string },
  pending: { amount: number }[],
): { why: RefundRefusal; detail: string } | null {
  if (!p || p.orderId !== request.orderId)
    return { why: 'unknown_payment', detail: `no payment ${request.paymentId} for order ${request.orderId}` };
  if (request.currency !== p.currency)
    return { why: 'currency_mismatch', detail: `the payment is in ${p.currency}, the refund in ${request.currency}` };
  if (p.status !== 'captured' && p.status !== 'partially_refunded' && p.status !== 'refunded') {
    return {
      why: 'not_captured',
      detail: `the payment is ${p.status}; only captured money can be refunded (cancel the order to void an authorization)`,
    };
  }
  const left = refundable(p, pending);
  if (request.amount > left)
    return { why: 'exceeds_refundable', detail: `${request.amount} asked, ${left} left to refund` };
  return null;
}
