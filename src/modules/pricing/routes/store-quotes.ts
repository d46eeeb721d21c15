import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readUser } from '../../../platform/http/auth.ts';
import { quote } from '../use-cases/quote.ts';
import { problems, QuoteBody, QuoteOut } from './schemas.ts';

/** Prices a basket: what a cart shows, computed by the same engine that prices the order. */
export const storeQuoteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { orm } = app.platform;

  app.post(
    '/store/price-quotes',
    {
      schema: {
        tags: ['store: pricing'],
        summary: 'Price a basket: unit prices, promotions, tax, shipping, totals',
        body: QuoteBody,
        security: [{}, { bearerAuth: [] }],
        description: `Optional bearer token: a customer's group price lists apply and once-per-customer codes are checked.
A code that cannot be used does not fail the request: the answer is priced without it and \`code\` says why
(\`applied: false\`, \`reason\`: unknown | not_started | expired | limit_reached | customer_required | already_used |
minimum_not_met | not_applicable, and a \`message\` to show). Unknown variant: 404; a variant without a price in the
currency: 422. Tax: the rate of \`countryCode\` (0 when absent or not configured); shipping is taxed at the same rate.`,
        response: { 200: QuoteOut, ...problems(400, 401, 404, 422) },
      },
    },
    async (req) => {
      const user = await readUser(req);
      return quote(orm.em.fork(), { ...req.body, customerId: user?.sub ?? null });
    },
  );
};
