import { BadRequest, NotFound } from '../../../platform/http/errors.ts';
import { WebhookRejected } from '../adapters/payment-provider.ts';
import type { PaymentRuntime } from '../runtime.ts';
import { applyProviderEvent, type ProviderEventOutcome } from './apply-provider-event.ts';

/** A Stripe webhook, on the exact bytes Stripe signed: verified, then applied once. */
export async function receiveStripeWebhook(
  rt: PaymentRuntime,
  rawBody: Buffer,
  signature: string,
): Promise<ProviderEventOutcome & { eventId: string; type: string }> {
  const stripe = rt.providers.stripe;
  if (!stripe) throw new NotFound('Stripe webhook endpoint (Stripe is not configured)');
  let event;
  try {
    event = stripe.parseWebhook(rawBody, signature);
  } catch (err) {
    if (err instanceof WebhookRejected) throw new BadRequest(`Invalid Stripe webhook: ${err.message}`);
    throw err;
  }
  const outcome = await applyProviderEvent(rt, 'stripe', event);
  return { ...outcome, eventId: event.id, type: event.type };
}
