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

/**
 * POST /store/events belongs to analytics where it is deployed; it is not in this client's
 * document (an older API), so it is called by path, and a 404 means "not here".
 */
async function analyticsEvent(ctx: Ctx, productId: string, sessionId: string) {
  const post = ctx.api.POST as unknown as (path: string, init: { body: unknown }) => Promise<{ response: Response }>;
  const { response } = await post('/store/events', { body: { type: 'product_viewed', productId, sessionId } });
  if (response.status >= 500) throw new Error(`POST /store/events answered ${response.status}`);
}
