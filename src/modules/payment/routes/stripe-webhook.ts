import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { runtimeOf } from '../runtime.ts';
import { receiveStripeWebhook } from '../use-cases/receive-stripe-webhook.ts';

/**
 * Stripe's webhook. Its signature covers the exact bytes Stripe sent, so this context (and only
 * this one: it is encapsulated) keeps the body as a raw Buffer instead of parsing JSON.
 */
export const stripeWebhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post(
    '/store/payments/stripe/webhook',
    {
      schema: {
        tags: ['store: payments'],
        summary:
          'Stripe webhook: PaymentIntent and refund events (signed; a duplicate event id is acknowledged and ignored)',
        headers: Type.Object({ 'stripe-signature': Type.String({ minLength: 1 }) }),
        response: {
          200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() }),
          400: Type.Ref('Problem'),
          404: Type.Ref('Problem'),
        },
      },
    },
    async (req) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const outcome = await receiveStripeWebhook(runtimeOf(app.platform.orm.em), raw, req.headers['stripe-signature']);
      req.log.info(outcome, 'stripe webhook');
      return { received: true, duplicate: outcome.duplicate };
    },
  );
};
