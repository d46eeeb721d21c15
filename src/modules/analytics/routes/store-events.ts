import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readUser } from '../../../platform/http/auth.ts';
import { rateLimited } from '../../../platform/http/rate-limit.ts';
import { recordStorefrontEvent } from '../use-cases/record-storefront-event.ts';
import { problems, StorefrontEvent } from './schemas.ts';

/**
 * What the storefront reports about shoppers (anonymous allowed): validated, rate-limited, and
 * published as an event; counting happens in the background, so the answer is a bare 202.
 */
export const storeEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/store/events',
    {
      preHandler: rateLimited(app, 'storefront-event'),
      schema: {
        tags: ['store: analytics'],
        summary: 'The storefront reports a shopper event (product_viewed)',
        description:
          'A signed-in customer is taken from the token; an anonymous shopper may name the storefront session (`sessionId`).',
        body: StorefrontEvent,
        response: { 202: Type.Null(), ...problems(400, 429) },
      },
    },
    async (req, reply) => {
      const user = await readUser(req);
      await recordStorefrontEvent(app.platform, {
        productId: req.body.productId,
        customerId: user?.sub ?? null,
        sessionId: req.body.sessionId ?? null,
      });
      return reply.code(202).send(null);
    },
  );
};
