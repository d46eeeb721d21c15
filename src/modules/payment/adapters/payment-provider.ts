import type { ProviderName } from '../domain/payment-state.ts';

export interface AuthorizeInput {
  paymentId: string;
  orderId: string;
  /** The same key for the same payment attempt, however often we ask (the order id on a first attempt). */
  idempotencyKey: string;
  amount: number;
  currency: string;
  /** A test token or a Stripe PaymentMethod id; none: the shopper confirms client-side. */
  token: string | null;
  /** manual: hold the money until we capture it; automatic: take it at once. */
  captureMethod: 'manual' | 'automatic';
}

/** What an authorization came to. `ref` is the provider's id for the payment. */
export type AuthorizationResult =
  | { kind: 'authorized'; ref: string | null }
  /** The provider took the money at once (automatic capture). */
  | { kind: 'captured'; ref: string | null }
  | { kind: 'failed'; ref: string | null; reason: string }
  /** The shopper must confirm in the browser with this secret (Stripe). */
  | { kind: 'action_required'; ref: string; clientSecret: string }
  /** Under way at the provider; its webhook will tell. */
  | { kind: 'processing'; ref: string };

/** A webhook, verified and reduced to what moves a payment. */
export type ProviderEventKind = 'authorized' | 'captured' | 'failed' | 'canceled' | 'refunded' | 'other';
export interface ProviderEvent {
  id: string;
  type: string;
  kind: ProviderEventKind;
  /** The provider's id of the payment (Stripe: the PaymentIntent id). */
  ref: string | null;
  /** Our payment id, when the provider echoes the metadata we gave it. */
  paymentId: string | null;
  reason?: string;
  /** For `refunded`: everything refunded of the payment so far, at the provider. */
  amountRefunded?: number;
}

/**
 * Every payment provider, behind one face. Calls are idempotent by their key: asking again after a
 * crash or a timeout gets the first answer, never a second charge, capture or refund.
 *
 * Errors: `ProviderRefused` is a definite no (a declined capture, a refund beyond what is left);
 * anything else is presumed transient and the call is tried again later.
 */
/** A call on money the provider already holds: a capture of `amount`, or (with the ids) a refund. */
export interface MoneyCall {
  ref: string | null;
  amount: number;
  idempotencyKey: string;
}
export type RefundCall = MoneyCall & { paymentId: string; refundId: string };

export interface PaymentProvider {
  readonly name: ProviderName;
  authorize(input: AuthorizeInput): Promise<AuthorizationResult>;
  capture(input: MoneyCall): Promise<void>;
  void(input: { ref: string | null; idempotencyKey: string }): Promise<void>;
  refund(input: RefundCall): Promise<{ ref: string | null }>;
  /** Verifies a webhook on its raw body; throws `WebhookRejected` on a bad or stale signature. */
  parseWebhook(rawBody: Buffer, signature: string): ProviderEvent;
}

export class ProviderRefused extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export class WebhookRejected extends Error {}
