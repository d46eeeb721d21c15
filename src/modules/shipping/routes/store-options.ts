import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { BadRequest } from '../../../platform/http/errors.ts';
import { isCountryCode } from '../countries.ts';
import { offeredOptions } from '../store-options.ts';
import { problems, StoreOptionOut, StoreOptionsQuery } from '../schemas.ts';

/**
 * Not /store/shipping-options: that path is the order module's (`?cartId=`, priced from its own
 * projection). Fastify cannot hold two GET routes on one path, and a gateway that splits modules by
 * path could not tell them apart either.
 */
export const STORE_RATES_PATH = '/store/shipping-rates';

/** For storefronts without a cart (a product page's "shipping from ..."); carts price shipping in the order module. */
export async function storeOptionRoutes(app: FastifyInstance) {
  const { orm } = app.platform;

  app.get(
    STORE_RATES_PATH,
    {
      schema: {
        tags: ['store: shipping'],
        summary: 'Shipping options to a country, priced for a subtotal and weight',
        querystring: StoreOptionsQuery,
        description:
          'Cheapest first. Priced by the published rule (`shippingRateFor`): free at or above `freeAbove`; by-weight rates add `perKgAmount` per started kilogram. Options without a rate in the currency are left out.',
        response: { 200: Type.Object({ items: Type.Array(StoreOptionOut) }), ...problems(400) },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof StoreOptionsQuery>;
      if (!isCountryCode(q.countryCode)) {
        throw new BadRequest(`querystring.countryCode "${q.countryCode}" is not an ISO 3166-1 alpha-2 country code`, {
          errors: [{ field: 'countryCode', message: 'is not a known country' }],
        });
      }
      return offeredOptions(orm.em.fork(), q);
    },
  );
}
