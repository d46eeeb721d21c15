import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { NotFound } from '../../../platform/http/errors.ts';
import { runtimeOf } from '../runtime.ts';
import { paymentByRef } from '../store.ts';
import { applyProviderEvent } from '../webhook.ts';

const ReturnBody = Type.Object(
  {
    paymentIntent: Type.String({
      pattern: '^pi_[A-Za-z0-9]{1,200}$',
      description: "Stripe's `payment_intent` return URL parameter",
    }),
    clientSecret: Type.String({
      minLength: 10,
      maxLength: 300,
      description: "Stripe's `payment_intent_client_secret` return URL parameter",
    }),
  },
  { additionalProperties: false },
);

/**
 * Where the storefront reports the shopper back from Stripe's payment page. The intent is read
 * from Stripe and applied through the same once-only path as the webhook, so the webhook before,
 * after or twice around this call still makes one payment and one confirmed order.
 */
export async function stripeReturnRoutes(app: FastifyInstance) {
  app.post(
    '/store/payments/stripe/return',
    {
      schema: {
        tags: ['store: payments'],
        summary:
          'The shopper is back from confirming a Stripe payment: check it with Stripe now (the webhook may come before or after)',
        body: ReturnBody,
        response: {
          200: Type.Object({ orderId: Type.String(), paymentId: Type.String(), status: Type.String() }),
          400: Type.Ref('Problem'),
          404: Type.Ref('Problem'),
        },
      },
    },
    async (req) => {
      const rt = runtimeOf(app.platform.orm.em);
      const stripe = rt.providers.stripe;
      if (!stripe) throw new NotFound('Stripe (not configured)');
      const { paymentIntent, clientSecret } = req.body as Static<typeof ReturnBody>;
      const read = () => paymentByRef(app.platform.orm.em.fork(), 'stripe', paymentIntent);
      if (!(await read())) throw new NotFound('Payment');
      const event = await stripe.shopperReturned(paymentIntent, clientSecret);
      if (!event) throw new NotFound('Payment'); // the same answer as for an unknown intent
      const outcome = await applyProviderEvent(rt, 'stripe', event);
      const p = (await read())!; // as it is now, after this answer or a webhook that came first
      req.log.info({ ...outcome, paymentId: p.id, intentStatus: event.type }, 'shopper back from Stripe');
      return { orderId: p.orderId, paymentId: p.id, status: p.status };
    },
  );
}
