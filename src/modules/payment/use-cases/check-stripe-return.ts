import { NotFound } from '../../../platform/http/errors.ts';
import { paymentByRef } from '../entities/payments.ts';
import type { PaymentRuntime } from '../runtime.ts';
import { applyProviderEvent } from './apply-provider-event.ts';

/**
 * The shopper is back from Stripe's payment page. The intent is read from Stripe (never the
 * browser's word) and applied through the same once-only path as the webhook, so the webhook
 * before, after or twice around this call still makes one payment and one confirmed order.
 */
export async function checkStripeReturn(rt: PaymentRuntime, paymentIntent: string, clientSecret: string) {
  const stripe = rt.providers.stripe;
  if (!stripe) throw new NotFound('Stripe (not configured)');
  const read = () => paymentByRef(rt.platform.orm.em.fork(), 'stripe', paymentIntent);
  if (!(await read())) throw new NotFound('Payment');
  const event = await stripe.shopperReturned(paymentIntent, clientSecret);
  if (!event) throw new NotFound('Payment'); // the same answer as for an unknown intent
  const outcome = await applyProviderEvent(rt, 'stripe', event);
  const p = (await read())!; // as it is now, after this answer or a webhook that came first
  return { outcome, intentStatus: event.type, payment: { orderId: p.orderId, paymentId: p.id, status: p.status } };
}
