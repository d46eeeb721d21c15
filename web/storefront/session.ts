// The shopper's state lives in cookies: the cart id, the currency, an anonymous session id (for
// recently viewed) and, once signed in, the API's access and refresh tokens. All HttpOnly and
// SameSite=Lax, so scripts cannot read the tokens and another site cannot post our forms with them.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isShopCurrency, type ShopCurrency } from './money.ts';

export const cookieNames = {
  cart: 'ts_cart',
  currency: 'ts_cur',
  session: 'ts_sid',
  access: 'ts_at',
  refresh: 'ts_rt',
} as const;
type CookieName = (typeof cookieNames)[keyof typeof cookieNames];

export function readCookies(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 1) continue;
    const value = pair.slice(at + 1).trim();
    try {
      out[pair.slice(0, at).trim()] = decodeURIComponent(value);
    } catch {
      // (a malformed escape: ignore that cookie)
    }
  }
  return out;
}

export function setCookie(reply: FastifyReply, name: CookieName, value: string, maxAgeSeconds: number) {
  const secure = reply.request.protocol === 'https' ? '; Secure' : '';
  const cookie = `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
  const previous = reply.getHeader('set-cookie');
  const list = Array.isArray(previous) ? previous : typeof previous === 'string' ? [previous] : [];
  reply.header('set-cookie', [...list, cookie]);
}

export const clearCookie = (reply: FastifyReply, name: CookieName) => setCookie(reply, name, '', 0);

export interface Shopper {
  cartId: string | undefined;
  currency: ShopCurrency;
  sessionId: string;
  accessToken: string | undefined;
  refreshToken: string | undefined;
}

const uuidLike = /^[0-9a-f-]{36}$/i;
const sessionLike = /^[A-Za-z0-9_-]{16,64}$/;

/** The shopper of a request; a first visit gets its anonymous session id here. */
export function shopperOf(req: FastifyRequest, reply: FastifyReply): Shopper {
  const c = readCookies(req);
  let sessionId = c[cookieNames.session];
  if (!sessionId || !sessionLike.test(sessionId)) {
    sessionId = randomBytes(16).toString('base64url');
    setCookie(reply, cookieNames.session, sessionId, 365 * 86400);
  }
  const cart = c[cookieNames.cart];
  const currency = c[cookieNames.currency];
  return {
    cartId: cart && uuidLike.test(cart) ? cart : undefined,
    currency: isShopCurrency(currency) ? currency : 'EUR',
    sessionId,
    accessToken: c[cookieNames.access] || undefined,
    refreshToken: c[cookieNames.refresh] || undefined,
  };
}
