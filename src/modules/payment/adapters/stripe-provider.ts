import { timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import type Stripe from 'stripe';
import {
  ProviderRefused,
  WebhookRejected,
  type AuthorizationResult,
  type AuthorizeInput,
  type MoneyCall,
  type RefundCall,
  type PaymentProvider,
  type ProviderEvent,
} from './payment-provider.ts';

export interface StripeSettings {
  secretKey: string;
  webhookSecret?: string;
  /** A local Stripe double in tests (STRIPE_API_URL); api.stripe.com otherwise. */
  apiUrl?: string;
}

/**
 * The SDK is loaded when a provider is made, i.e. only by a process with a Stripe key: importing it
 * costs ~0.2 s of CPU at every start otherwise (docs/adr/0010-fast-boot.md).
 */
const loadStripe = (): typeof Stripe => createRequire(import.meta.url)('stripe');

/** Below the first retry delay (30 s), so a retried call never overlaps a first one still waiting. */
const TIMEOUT_MS = 20_000;

interface StripeErrorLike {
  type?: string;
  statusCode?: number;
  code?: string;
  decline_code?: string;
  message: string;
  payment_intent?: { id?: string };
}

/** Errors that asking again cannot fix (a declined card, a bad request); the rest are transient. */
const isDefinite = (err: StripeErrorLike) =>
  err.type === 'StripeCardError' || err.type === 'StripeInvalidRequestError' || err.type === 'StripeIdempotencyError';

function refused(err: unknown): never {
  const e = err as StripeErrorLike;
  if (isDefinite(e)) throw new ProviderRefused(e.decline_code ?? e.code ?? 'refused', e.message);
  throw err;
}

/**
 * Stripe, through its own SDK: one PaymentIntent per payment, created with the order id as the
 * idempotency key (so a retried request finds the same intent), with manual capture
 * when we capture on shipment. Without a PaymentMethod the intent waits for the shopper to
 * confirm it in the browser: its client secret goes back to the order (payment.action_required).
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly client: Stripe;
  #webhookSecret: string | undefined;

  constructor(settings: StripeSettings) {
    const url = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
    this.client = new (loadStripe())(settings.secretKey, {
      timeout: TIMEOUT_MS,
      maxNetworkRetries: 1,
      appInfo: { name: 'tessera' },
      ...(url
        ? {
            host: url.hostname,
            port: url.port || (url.protocol === 'http:' ? 80 : 443),
            protocol: url.protocol === 'http:' ? 'http' : 'https',
          }
        : {}),
    });
    this.#webhookSecret = settings.webhookSecret;
  }

  async authorize(input: AuthorizeInput): Promise<AuthorizationResult> {
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.client.paymentIntents.create(
        {
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          capture_method: input.captureMethod,
          metadata: { orderId: input.orderId, paymentId: input.paymentId },
          // Confirmed here when the order brings a PaymentMethod; otherwise by the shopper's browser.
          ...(input.token
            ? {
                payment_method: input.token,
                confirm: true,
                automatic_payment_methods: { enabled: true, allow_redirects: 'never' as const },
              }
            : { automatic_payment_methods: { enabled: true } }),
        },
        { idempotencyKey: input.idempotencyKey },
      );
    } catch (err) {
      const e = err as StripeErrorLike;
      if (!isDefinite(e)) throw err;
      return { kind: 'failed', ref: e.payment_intent?.id ?? null, reason: e.decline_code ?? e.code ?? 'declined' };
    }
    return resultOf(intent, input.token !== null);
  }

  async capture({ ref, amount, idempotencyKey }: MoneyCall): Promise<void> {
    if (!ref) throw new ProviderRefused('no_intent', 'The payment has no PaymentIntent to capture');
    await this.client.paymentIntents.capture(ref, { amount_to_capture: amount }, { idempotencyKey }).catch(refused);
  }

  async void({ ref, idempotencyKey }: { ref: string | null; idempotencyKey: string }): Promise<void> {
    if (!ref) return; // never reached Stripe: nothing to cancel
    await this.client.paymentIntents.cancel(ref, {}, { idempotencyKey }).catch(refused);
  }

  async refund(input: RefundCall): Promise<{ ref: string | null }> {
    if (!input.ref) throw new ProviderRefused('no_intent', 'The payment has no PaymentIntent to refund');
    const refund = await this.client.refunds
      .create(
        {
          payment_intent: input.ref,
          amount: input.amount,
          metadata: { paymentId: input.paymentId, refundId: input.refundId },
        },
        { idempotencyKey: input.idempotencyKey },
      )
      .catch(refused);
    if (refund.status === 'failed' || refund.status === 'canceled') {
      throw new ProviderRefused(
        refund.failure_reason ?? 'refund_failed',
        `Stripe refund ${refund.id} is ${refund.status}`,
      );
    }
    return { ref: refund.id };
  }

  /**
   * The shopper is back from confirming the PaymentIntent in the browser (Stripe's return URL
   * carries its id and client secret). Reads the intent from Stripe, never trusting the browser's
   * word for its status, and says what it means for the payment as a provider event. Null when the
   * client secret does not belong to the intent.
   */
  async shopperReturned(ref: string, clientSecret: string): Promise<ProviderEvent | null> {
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.client.paymentIntents.retrieve(ref);
    } catch (err) {
      if ((err as StripeErrorLike).statusCode === 404) return null;
      throw err;
    }
    const a = Buffer.from(intent.client_secret ?? '');
    const b = Buffer.from(clientSecret);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    // One id per status the shopper comes back to: coming back twice to the same state is a duplicate.
    const at = {
      id: `return:${intent.id}:${intent.status}`,
      type: `return.${intent.status}`,
      ref: intent.id,
      paymentId: intent.metadata?.paymentId ?? null,
    };
    switch (intent.status) {
      case 'requires_capture':
        return { ...at, kind: 'authorized' };
      case 'succeeded':
        return { ...at, kind: 'captured' };
      case 'canceled':
        return { ...at, kind: 'canceled', reason: intent.cancellation_reason ?? 'canceled' };
      case 'requires_payment_method':
        // Back to square one after a try: the card was refused (still open for another try otherwise).
        return intent.last_payment_error
          ? { ...at, kind: 'failed', reason: declineOf(intent) }
          : { ...at, kind: 'other' };
      default:
        return { ...at, kind: 'other' }; // processing, requires_action: the webhook will tell
    }
  }

  parseWebhook(rawBody: Buffer, signature: string): ProviderEvent {
    if (!this.#webhookSecret) throw new WebhookRejected('Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET)');
    let event: Stripe.Event;
    try {
      event = this.client.webhooks.constructEvent(rawBody, signature, this.#webhookSecret);
    } catch (err) {
      throw new WebhookRejected((err as Error).message.split('\n')[0]);
    }
    return eventOf(event);
  }
}

function resultOf(intent: Stripe.PaymentIntent, confirmedHere: boolean): AuthorizationResult {
  const ref = intent.id;
  switch (intent.status) {
    case 'requires_capture':
      return { kind: 'authorized', ref };
    case 'succeeded':
      return { kind: 'captured', ref };
    case 'processing':
      return { kind: 'processing', ref };
    case 'canceled':
      return { kind: 'failed', ref, reason: intent.cancellation_reason ?? 'canceled' };
    case 'requires_payment_method':
      // Confirmed with a PaymentMethod and back to square one: that method was refused.
      if (confirmedHere) return { kind: 'failed', ref, reason: declineOf(intent) };
      break;
  }
  if (!intent.client_secret) return { kind: 'failed', ref, reason: `unexpected intent status ${intent.status}` };
  return { kind: 'action_required', ref, clientSecret: intent.client_secret };
}

const declineOf = (intent: Stripe.PaymentIntent) =>
  intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? 'payment_failed';

/** The few Stripe events that move a payment; every other type is recorded and ignored. */
function eventOf(event: Stripe.Event): ProviderEvent {
  const base = { id: event.id, type: event.type, ref: null, paymentId: null };
  const object = event.data.object as unknown as Record<string, unknown>;
  if (event.type.startsWith('payment_intent.')) {
    const intent = object as unknown as Stripe.PaymentIntent;
    const at = { ...base, ref: intent.id, paymentId: intent.metadata?.paymentId ?? null };
    switch (event.type) {
      case 'payment_intent.amount_capturable_updated':
        return { ...at, kind: intent.status === 'requires_capture' ? 'authorized' : 'other' };
      case 'payment_intent.succeeded':
        return { ...at, kind: 'captured' };
      case 'payment_intent.payment_failed':
        return { ...at, kind: 'failed', reason: declineOf(intent) };
      case 'payment_intent.canceled':
        return { ...at, kind: 'canceled', reason: intent.cancellation_reason ?? 'canceled' };
    }
    return { ...at, kind: 'other' };
  }
  if (event.type === 'charge.refunded') {
    const charge = object as unknown as Stripe.Charge;
    const ref = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null);
    return {
      ...base,
      kind: 'refunded',
      ref,
      paymentId: charge.metadata?.paymentId ?? null,
      amountRefunded: charge.amount_refunded,
    };
  }
  return { ...base, kind: 'other' };
}
