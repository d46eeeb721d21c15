// The storefront: server-rendered pages at `/`, a client of the store API through the typed
// client only. Registered by the host (src/platform/host/web-apps.ts) in the process hosting `product`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { catalogPages } from './routes/catalog.ts';
import { cartPages } from './routes/cart.ts';
import { checkoutPages } from './routes/checkout.ts';
import { accountPages } from './routes/account.ts';
import { productViews } from './routes/product-views.ts';
import { AssetParams } from './routes/schemas.ts';

/** The few scripts, read once, served gzipped when the browser takes it, cached for a day. */
const assets = new Map(
  ['search.js', 'stripe.js', 'view.js'].map((name) => {
    const body = readFileSync(join(import.meta.dirname, 'assets', name));
    return [name, { body, gzip: gzipSync(body) }];
  }),
);

/** `cacheSeconds`: how long a catalog page is served from the page cache (STOREFRONT_CACHE_SECONDS). */
export const storefront: FastifyPluginAsyncTypebox<{ cacheSeconds: number }> = async (app, opts) => {
  // HTML forms post application/x-www-form-urlencoded; the route schemas coerce the strings.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(String(body))) out[k] = v;
    done(null, out);
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    return payload;
  });

  app.get('/assets/:name', { schema: { hide: true, params: AssetParams } }, async (req, reply) => {
    const asset = assets.get(req.params.name);
    if (!asset) return reply.callNotFound();
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')))
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  });

  await app.register(catalogPages, { cacheSeconds: opts.cacheSeconds });
  await app.register(productViews);
  await app.register(cartPages);
  await app.register(checkoutPages);
  await app.register(accountPages);
};
