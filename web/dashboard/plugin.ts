// The staff dashboard at `/dashboard`: a single-page app built by Vite (build.ts, on start when its
// sources changed), a client of the admin API only. Registered by the host
// (src/platform/host/web-apps.ts) in the process hosting `user`, which signs staff in.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ensureDashboardBuilt } from './build.ts';
import { dashboardDist } from './paths.ts';

/**
 * Only this origin: scripts, styles, fetches. Mantine writes its CSS variables in <style> tags, so
 * styles also take this response's nonce (the app hands it to Mantine). Product images are URLs on
 * any https host (a CDN), so images are the one thing allowed from elsewhere.
 */
const csp = (nonce: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: https:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** One check per process: the sources do not change under a running server (dev mode is dev.ts). */
let built: ReturnType<typeof ensureDashboardBuilt> | undefined;

/**
 * Builds the dashboard when its sources changed, before the plugin registers: a first build takes
 * from seconds to minutes on a busy machine, longer than Fastify's plugin timeout, which must not
 * fail the boot. Resolves with the build's error, if any.
 */
export async function prepareDashboard(log: (msg: string) => void): Promise<Error | null> {
  built ??= ensureDashboardBuilt(log);
  return built.then(
    () => null,
    (err: Error) => {
      built = undefined;
      return err;
    },
  );
}

export const dashboard: FastifyPluginAsync = async (app) => {
  // A failed build (e.g. a read-only install: build it in the image) must not take the API down:
  // an older build is served if there is one, else /dashboard says what to run.
  const failure = await prepareDashboard((msg) => app.log.info(msg));
  if (failure) app.log.error({ err: failure }, 'the dashboard could not be built: run `npm run dashboard:build`');
  const indexHtml = await readFile(join(dashboardDist, 'index.html'), 'utf8').catch(() => null);
  if (!indexHtml) {
    const unavailable = (_req: unknown, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`The dashboard is not built (${failure?.message ?? 'no build'}): run \`npm run dashboard:build\`.`);
    app.get('/dashboard', { schema: { hide: true } }, unavailable);
    app.get('/dashboard/*', { schema: { hide: true } }, unavailable);
    return;
  }

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    return payload;
  });

  // Hashed file names: a new build has new names, so the old ones may be cached for a year.
  await app.register(fastifyStatic, {
    root: join(dashboardDist, 'assets'),
    prefix: '/dashboard/assets/',
    index: false,
    wildcard: true,
    preCompressed: true, // (build.ts writes .br and .gz beside each file)
    schemaHide: true,
    cacheControl: false,
    setHeaders: (reply) => reply.header('cache-control', 'public, max-age=31536000, immutable'),
  });

  // Every other path is the app's own (react-router): index.html, never cached, so a new build shows at once.
  const page = (_req: unknown, reply: FastifyReply) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache, no-store, must-revalidate')
      .header('content-security-policy', csp(nonce))
      .send(indexHtml.replace('__CSP_NONCE__', nonce));
  };
  app.get('/dashboard', { schema: { hide: true } }, page);
  app.get('/dashboard/*', { schema: { hide: true } }, page);
};
