// The storefront reaches the API only through the typed client. In the same process its fetch
// goes through Fastify's inject (no socket, the same hooks, validation and rate limits as any
// client); STOREFRONT_API_URL-style loopback HTTP costs more (docs/adr/0081-storefront-in-process-client.md).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createClient, type TesseraClient } from '../../client/index.ts';
import { clearCookie, cookieNames, setCookie, type Shopper } from './session.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
const methods = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const isMethod = (m: string): m is Method => methods.has(m);

/** A fetch that answers from `app` in-process, as if the shopper at `remoteAddress` had called. */
export function injectFetch(app: FastifyInstance, remoteAddress: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const method = request.method.toUpperCase();
    const res = await app.inject({
      method: isMethod(method) ? method : 'GET',
      url: url.pathname + url.search,
      headers,
      payload: request.body ? await request.text() : undefined,
      remoteAddress,
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [String(v)]) out.append(k, one);
    }
    const empty = res.statusCode === 204 || res.statusCode === 304 || method === 'HEAD';
    return new Response(empty ? null : res.rawPayload, { status: res.statusCode, headers: out });
  };
}

/**
 * The client for one page request: as the shopper (their address; their bearer token when signed
 * in). An expired access token is refreshed once with the refresh token and the call repeated;
 * the new tokens go back to the browser as cookies.
 */
export function clientFor(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, shopper: Shopper) {
  const base = injectFetch(app, req.ip);
  const fetchAsShopper: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const retry = request.clone();
    if (shopper.accessToken) request.headers.set('authorization', `Bearer ${shopper.accessToken}`);
    const res = await base(request);
    if (res.status !== 401 || !shopper.refreshToken || !shopper.accessToken) return res;
    const refreshed = await base('http://store/store/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: shopper.refreshToken }),
    });
    if (!refreshed.ok) {
      signOut(reply, shopper);
      return res;
    }
    const tokens: unknown = await refreshed.json();
    if (!isTokenPair(tokens)) return res;
    signIn(reply, shopper, tokens);
    retry.headers.set('authorization', `Bearer ${tokens.accessToken}`);
    return base(retry);
  };
  return createClient('http://store', { fetch: fetchAsShopper });
}

export type Api = TesseraClient;

export function signIn(reply: FastifyReply, shopper: Shopper, t: { accessToken: string; refreshToken: string }) {
  shopper.accessToken = t.accessToken;
  shopper.refreshToken = t.refreshToken;
  setCookie(reply, cookieNames.access, t.accessToken, 30 * 86400);
  setCookie(reply, cookieNames.refresh, t.refreshToken, 30 * 86400);
}

export function signOut(reply: FastifyReply, shopper: Shopper) {
  shopper.accessToken = shopper.refreshToken = undefined;
  clearCookie(reply, cookieNames.access);
  clearCookie(reply, cookieNames.refresh);
}

const isTokenPair = (v: unknown): v is { accessToken: string; refreshToken: string } =>
  typeof v === 'object' &&
  v !== null &&
  'accessToken' in v &&
  typeof v.accessToken === 'string' &&
  'refreshToken' in v &&
  typeof v.refreshToken === 'string';
