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

export const PROVIDER_NAMES = ['test', 'stripe'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
export const PAYMENT_STATUSES = [
  'pending',
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
  'failed',
  'voided',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** How money the provider still holds for a payment we gave up on is let go. */
export const RELEASES = ['void', 'refund'] as const;
export type Release = (typeof RELEASES)[number];
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'rejected'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
/** request: staff; cancel: the order was canceled; provider: made in the provider's dashboard. */
export const REFUND_ORIGINS = ['request', 'cancel', 'provider'] as const;
export type RefundOrigin = (typeof REFUND_ORIGINS)[number];

/** What the rules read of a payment. */
export interface PaymentFacts {
  status: PaymentStatus;
  providerRef: string | null;
  captureRequestedAt: Date | null;
  cancelRequestedAt: Date | null;
  releaseRequired: Release | null;
  needsAttention: string | null;
}

export type NextAction<R extends { amount: number } = { id: string; amount: number }> =
  | { kind: 'authorize' }
  | { kind: 'capture' }
  | { kind: 'void' }
  | { kind: 'refund'; refund: R }
  /** The payment failed or was voided here, but the provider still holds the money. */
  | { kind: 'release'; how: Release };

/** The provider call a payment still owes, or null when it owes none (or waits for staff). */
export function nextAction<R extends { amount: number }>(p: PaymentFacts, pending: R[]): NextAction<R> | null {
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

interface Amounts {
  capturedAmount: number;
  refundedAmount: number;
}

/** What can still be refunded: captured, less what was refunded and what is being refunded. */
export function refundable(p: Amounts, pending: { amount: number }[]): number {
  return p.capturedAmount - p.refundedAmount - pending.reduce((sum, r) => sum + r.amount, 0);
}

/** What staff may still refund, given all of a payment's refunds (never below zero). */
export function leftToRefund(p: Amounts, refunds: { amount: number; status: RefundStatus }[]): number {
  return Math.max(
    0,
    refundable(
      p,
      refunds.filter((r) => r.status === 'pending'),
    ),
  );
}

/** The status after `amount` more was refunded. */
export function statusAfterRefund(p: Amounts, amount: number): { refundedAmount: number; status: PaymentStatus } {
  const refundedAmount = p.refundedAmount + amount;
  if (refundedAmount > p.capturedAmount)
    throw new Error(`refunds (${refundedAmount}) would exceed the captured ${p.capturedAmount}`);
  return { refundedAmount, status: refundedAmount === p.capturedAmount ? 'refunded' : 'partially_refunded' };
}
