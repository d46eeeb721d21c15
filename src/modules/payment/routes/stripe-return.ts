import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { runtimeOf } from '../runtime.ts';
import { checkStripeReturn } from '../use-cases/check-stripe-return.ts';

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

/** Where the storefront reports the shopper back from Stripe's payment page. */
export const stripeReturnRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      const { outcome, intentStatus, payment } = await checkStripeReturn(
        rt,
        req.body.paymentIntent,
        req.body.clientSecret,
      );
      req.log.info({ ...outcome, paymentId: payment.paymentId, intentStatus }, 'shopper back from Stripe');
      return payment;
    },
  );
};
