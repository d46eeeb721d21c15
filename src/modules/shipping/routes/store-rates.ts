import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { quoteShippingRates } from '../use-cases/quote-shipping-rates.ts';
import { problems, StoreOptionOut, StoreOptionsQuery } from './schemas.ts';

/**
 * Not /store/shipping-options: that path is the order module's (`?cartId=`, priced from its own
 * projection). Fastify cannot hold two GET routes on one path, and a gateway that splits modules by
 * path could not tell them apart either.
 */
export const STORE_RATES_PATH = '/store/shipping-rates';

/** For storefronts without a cart (a product page's "shipping from ..."); carts price shipping in the order module. */
export const storeRateRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
    async (req) => quoteShippingRates(orm.em.fork(), req.query),
  );
};
