// What every storefront route handler needs: the shopper, their API client, and page rendering.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientFor, type Api } from './api.ts';
import type { Html } from './html.ts';
import { page, type PageInput } from './layout.ts';
import { shopperOf, type Shopper } from './session.ts';

export interface Ctx {
  shopper: Shopper;
  api: Api;
  reply: FastifyReply;
  render(p: Omit<PageInput, 'currency' | 'signedIn' | 'path'> & { status?: number }): FastifyReply;
  redirect(to: string): FastifyReply;
}

export function contextOf(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Ctx {
  const shopper = shopperOf(req, reply);
  const api = clientFor(app, req, reply, shopper);
  return {
    shopper,
    api,
    reply,
    render: ({ status, ...p }) =>
      reply
        .code(status ?? 200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(page({ ...p, currency: shopper.currency, signedIn: Boolean(shopper.accessToken), path: req.url }).value),
    // 303: a form's POST answered with a GET of the page to show (post/redirect/get).
    redirect: (to) => reply.code(303).header('location', safeBack(to)).send(),
  };
}

/** Only our own paths: a `back` field pointing elsewhere would make us an open redirect. */
export const safeBack = (to: string | undefined, fallback = '/') =>
  to && to.startsWith('/') && !to.startsWith('//') && !to.includes('\\') ? to : fallback;

/** The problem+json detail of an API error, for the page. */
export function problemText(error: unknown, fallback: string): string {
  if (error && typeof error === 'object' && 'detail' in error && typeof error.detail === 'string') return error.detail;
  return fallback;
}

export type { Html };
