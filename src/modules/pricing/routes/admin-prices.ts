import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publisherFor } from '../../../platform/host/platform.ts';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { getBasePrices } from '../use-cases/get-base-prices.ts';
import { setBasePrices } from '../use-cases/set-base-prices.ts';
import { setBasePricesInBulk } from '../use-cases/set-base-prices-in-bulk.ts';
import { BulkPricesBody, PricesBody, problems, VariantParam, VariantPrices } from './schemas.ts';

const tags = ['admin: pricing'];

/** Base prices of a variant, per currency. */
export const adminPriceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const publish = publisherFor(platform, 'pricing');

  app.get(
    '/admin/prices/:variantId',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: "A variant's base prices",
        params: VariantParam,
        response: { 200: VariantPrices, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => getBasePrices(platform.orm.em.fork(), req.params.variantId),
  );

  app.put(
    '/admin/prices',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        body: BulkPricesBody,
        response: { 200: Type.Object({ updated: Type.Integer() }), ...problems(400, 401, 403, 404) },
        summary: 'Replace the base prices of up to 500 variants at once (imports); all or none',
      },
    },
    async (req) => setBasePricesInBulk(platform.orm.em.fork(), publish, req.body.items, currentActor(req)),
  );

  app.put(
    '/admin/prices/:variantId',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        params: VariantParam,
        body: PricesBody,
        response: { 200: VariantPrices, ...problems(400, 401, 403, 404) },
        summary: "Replace a variant's base prices",
        description:
          'The whole set: a currency left out loses its price. Publishes pricing.price_changed.v1 for every currency whose shelf price changed.',
      },
    },
    async (req) => {
      const { variantId } = req.params;
      return setBasePrices(platform.orm.em.fork(), publish, variantId, req.body.prices, currentActor(req));
    },
  );
};
