import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { publisherFor } from '../../../platform/host/platform.ts';
import { bearer, requireAdmin } from '../../../platform/http/auth.ts';
import { getBasePrices, setBasePrices } from '../use-cases/base-prices.ts';
import { BulkPricesBody, PricesBody, problems, VariantParam, VariantPrices } from '../schemas.ts';

const tags = ['admin: pricing'];

/** Base prices of a variant, per currency. */
export async function adminPriceRoutes(app: FastifyInstance) {
  const { platform } = app;
  const publish = publisherFor(platform, 'pricing');
  // onRequest: a caller without a staff token learns nothing, not even what a valid body looks like.
  app.addHook('onRequest', requireAdmin);

  app.get(
    '/admin/prices/:variantId',
    {
      schema: {
        tags,
        security: bearer,
        summary: "A variant's base prices",
        params: VariantParam,
        response: { 200: VariantPrices, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => getBasePrices(platform.orm.em.fork(), (req.params as Static<typeof VariantParam>).variantId),
  );

  app.put(
    '/admin/prices',
    {
      schema: {
        tags,
        security: bearer,
        body: BulkPricesBody,
        response: { 200: Type.Object({ updated: Type.Integer() }), ...problems(400, 401, 403, 404) },
        summary: 'Replace the base prices of up to 500 variants at once (imports); all or none',
      },
    },
    async (req) => {
      const { items } = req.body as Static<typeof BulkPricesBody>;
      await platform.orm.em.fork().transactional(async (em) => {
        for (const item of items) await setBasePrices(em, publish, item.variantId, item.prices);
      });
      return { updated: items.length };
    },
  );

  app.put(
    '/admin/prices/:variantId',
    {
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
      const { variantId } = req.params as Static<typeof VariantParam>;
      return setBasePrices(platform.orm.em.fork(), publish, variantId, (req.body as Static<typeof PricesBody>).prices);
    },
  );
}
