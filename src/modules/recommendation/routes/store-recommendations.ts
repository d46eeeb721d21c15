import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { readUser } from '../../../platform/http/auth.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import { rateLimited } from '../../../platform/http/rate-limit.ts';
import { recentlyViewed } from '../use-cases/recently-viewed.ts';
import { recommendForProduct } from '../use-cases/recommend-for-product.ts';
import { recordView } from '../use-cases/record-view.ts';
import {
  IdParam,
  ProductQuery,
  ProductRecommendations,
  problems,
  ShopperQuery,
  ShopperRecommendations,
  ViewBody,
} from './schemas.ts';

const tags = ['store: recommendations'];

/** Whose views these are: the signed-in customer, else the anonymous session the storefront names. */
async function shopperOf(req: FastifyRequest, sessionId: string | undefined): Promise<string> {
  const user = await readUser(req);
  if (user) return `c:${user.sub}`;
  if (!sessionId) throw new BadRequest('sessionId is required when not signed in');
  return `s:${sessionId}`;
}

/** Shoppers read recommendations beside a product and their own recently viewed products. */
export const storeRecommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const em = () => app.platform.orm.em.fork();

  app.get(
    '/store/products/:id/recommendations',
    {
      preHandler: rateLimited(app, 'recommendation-read'),
      schema: {
        tags,
        summary: 'Products to show beside a product (published and in stock only)',
        params: IdParam,
        querystring: ProductQuery,
        response: { 200: ProductRecommendations, ...problems(400, 429) },
      },
    },
    async (req) => ({
      kind: req.query.kind,
      items: await recommendForProduct(em(), req.params.id, req.query.kind, req.query.limit),
    }),
  );

  app.post(
    '/store/recommendations/views',
    {
      preHandler: rateLimited(app, 'recommendation-view'),
      schema: {
        tags,
        summary: 'The storefront reports that the shopper viewed a product',
        description: 'Per signed-in customer, else per anonymous `sessionId` (then required).',
        body: ViewBody,
        response: { 204: Type.Null(), ...problems(400, 429) },
      },
    },
    async (req, reply) => {
      await recordView(em(), await shopperOf(req, req.body.sessionId), req.body.productId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/store/recommendations',
    {
      preHandler: rateLimited(app, 'recommendation-read'),
      schema: {
        tags,
        summary: "The shopper's own recently viewed products, newest first",
        querystring: ShopperQuery,
        response: { 200: ShopperRecommendations, ...problems(400, 429) },
      },
    },
    async (req) => ({
      kind: req.query.kind,
      items: await recentlyViewed(em(), await shopperOf(req, req.query.sessionId), req.query.limit),
    }),
  );
};
