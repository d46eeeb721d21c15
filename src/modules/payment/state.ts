// The payment's rules, pure: which provider call it still owes, what is left to refund. The
// status only ever moves forward:
//
//   pending ──> authorized ──> captured ──> partially_refunded ──> refunded
//      │            │             └───────────────────────────────────^
//      │            ├──> voided  (order canceled; or the authorization canceled at the provider)
//      │            └──> failed  (the provider refused the capture)
//      ├──> failed  (declined, insufficient funds, intent canceled)
//      └──> voided  (order canceled before the provider answered)
//
// What we still want from the provider sits beside the status (capture or cancel requested, a
// pending refund, a release), so the same decision is taken again after a crash or a restart.
import type { PaymentStatus } from './entities.ts';
import type { PaymentRow, RefundRow } from './store.ts';

export type NextAction =
  | { kind: 'authorize' }
  | { kind: 'capture' }
  | { kind: 'void' }
  | { kind: 'refund'; refund: RefundRow }
  /** The payment failed or was voided here, but the provider still holds the money. */
  | { kind: 'release'; how: 'void' | 'refund' };

type Facts = Pick<
  PaymentRow,
  'status' | 'providerRef' | 'captureRequestedAt' | 'cancelRequestedAt' | 'releaseRequired' | 'needsAttention'
>;

/** The provider call a payment still owes, or null when it owes none (or waits for staff). */
export function nextAction(p: Facts, pending: RefundRow[]): NextAction | null {
  if (p.needsAttention) return null;
  switch (p.status) {
    case 'pending':
      // With a provider reference the provider has answered: it waits for the shopper or a webhook.
      return p.providerRef === null ? { kind: 'authorize' } : null;
    case 'authorized':
      if (p.cancelRequestedAt) return { kind: 'void' };
      return p.captureRequestedAt ? { kind: 'capture' } : null;
    case 'captured':
    case 'partially_refunded':
      return pending.length ? { kind: 'refund', refund: pending[0] } : null;
    case 'failed':
    case 'voided':
    case 'refunded':
      return p.releaseRequired ? { kind: 'release', how: p.releaseRequired } : null;
  }
}

/** What can still be refunded: captured, less what was refunded and what is being refunded. */
export function refundable(
  p: Pick<PaymentRow, 'capturedAmount' | 'refundedAmount'>,
  pending: Pick<RefundRow, 'amount'>[],
): number {
  return p.capturedAmount - p.refundedAmount - pending.reduce((sum, r) => sum + r.amount, 0);
}

/** The status after `amount` more was refunded. */
export function statusAfterRefund(
  p: Pick<PaymentRow, 'capturedAmount' | 'refundedAmount'>,
  amount: number,
): { refundedAmount: number; status: PaymentStatus } {
  const refundedAmount = p.refundedAmount + amount;
  if (refundedAmount > p.capturedAmount)
    throw new Error(`refunds (${refundedAmount}) would exceed the captured ${p.capturedAmount}`);
  return { refundedAmount, status: refundedAmount === p.capturedAmount ? 'refunded' : 'partially_refunded' };
}

/** The idempotency key of each provider call: the same call after a crash gets the first answer. */
export const keys = {
  /** The order id on the first attempt (Stripe finds the same PaymentIntent); a later attempt is a new one. */
  authorize: (p: Pick<PaymentRow, 'orderId' | 'attempt'>) =>
    p.attempt === 1 ? p.orderId : `${p.orderId}:${p.attempt}`,
  capture: (p: Pick<PaymentRow, 'id'>) => `${p.id}:capture`,
  void: (p: Pick<PaymentRow, 'id'>) => `${p.id}:void`,
  release: (p: Pick<PaymentRow, 'id'>) => `${p.id}:release`,
  refund: (r: Pick<RefundRow, 'id'>) => r.id,
};
