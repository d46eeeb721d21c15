// Product views feed recommendations (recently viewed) and, where the analytics module takes
// them, its funnel. The product page's script posts here once the page is shown (assets/view.js,
// with navigator.sendBeacon), so a page served from the page cache still counts, and crawlers,
// link previews and prefetches that run no script do not (docs/adr/0100-storefront-page-cache.md).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf } from '../context.ts';
import { ViewForm } from './schemas.ts';

export const productViews: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/views', { schema: { hide: true, body: ViewForm } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const { productId } = req.body;
    const sessionId = ctx.shopper.sessionId;
    const answers = await Promise.all([
      ctx.api.POST('/store/recommendations/views', { body: { productId, sessionId } }),
      ctx.api.POST('/store/events', { body: { type: 'product_viewed', productId, sessionId } }),
    ]);
    // The API's refusal (a rate limit, a bad id) is the beacon's answer too; a 404 means that module
    // is not deployed behind this API, which is no error of the shopper's.
    const refused = answers.find(({ response: r }) => !r.ok && r.status !== 404);
    if (refused)
      return reply
        .code(refused.response.status)
        .type('application/problem+json')
        .send(JSON.stringify(refused.error ?? { title: 'view not recorded', status: refused.response.status }));
    return reply.code(204).header('cache-control', 'no-store').send();
  });
};
