import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BadRequest, NotFound } from '../../../platform/http/errors.ts';
import { WebhookRejected } from '../providers/provider.ts';
import { runtimeOf } from '../runtime.ts';
import { applyProviderEvent } from '../webhook.ts';

/**
 * Stripe's webhook. Its signature covers the exact bytes Stripe sent, so this context (and only
 * this one: it is encapsulated) keeps the body as a raw Buffer instead of parsing JSON.
 */
export async function stripeWebhookRoutes(app: FastifyInstance) {
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
      const rt = runtimeOf(app.platform.orm.em);
      const stripe = rt.providers.stripe;
      if (!stripe) throw new NotFound('Stripe webhook endpoint (Stripe is not configured)');
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let event;
      try {
        event = stripe.parseWebhook(raw, req.headers['stripe-signature'] as string);
      } catch (err) {
        if (err instanceof WebhookRejected) throw new BadRequest(`Invalid Stripe webhook: ${err.message}`);
        throw err;
      }
      const outcome = await applyProviderEvent(rt, 'stripe', event);
      req.log.info({ stripeEvent: event.id, type: event.type, ...outcome }, 'stripe webhook');
      return { received: true, duplicate: outcome.duplicate };
    },
  );
}
