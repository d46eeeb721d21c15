// Product views feed recommendations (recently viewed) and, where the analytics module takes
// them, its funnel. Sent after the page is rendered; a failure never costs the shopper the page.
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../context.ts';

export function sendProductView(ctx: Ctx, productId: string, log: FastifyBaseLogger) {
  const sessionId = ctx.shopper.sessionId;
  void Promise.all([
    ctx.api.POST('/store/recommendations/views', { body: { productId, sessionId } }),
    analyticsEvent(ctx, productId, sessionId),
  ]).catch((err) => log.warn({ err }, 'product view not recorded'));
}

/** Analytics takes product views where it is deployed; a 404 (not hosted behind this API) is "not here". */
async function analyticsEvent(ctx: Ctx, productId: string, sessionId: string) {
  const { response } = await ctx.api.POST('/store/events', { body: { type: 'product_viewed', productId, sessionId } });
  if (response.status >= 500) throw new Error(`POST /store/events answered ${response.status}`);
}
