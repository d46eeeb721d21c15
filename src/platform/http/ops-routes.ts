import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { register } from 'prom-client';

const Check = Type.Object({ status: Type.String(), checks: Type.Record(Type.String(), Type.String()) });

/** Liveness, readiness, metrics and the public keys that verify access tokens. */
export async function opsRoutes(app: FastifyInstance) {
  const { platform } = app;

  app.get(
    '/health',
    {
      schema: {
        tags: ['ops'],
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.String() }) },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['ops'],
        summary: 'Database, bus and cache are reachable, and the bus consumers run',
        response: { 200: Check, 503: Check },
      },
    },
    async (_req, reply) => {
      const probe = async (fn: () => Promise<unknown>) => {
        try {
          await fn();
          return 'ok';
        } catch (e) {
          return `down: ${(e as Error).message}`;
        }
      };
      const checks = {
        database: await probe(() => platform.orm.em.getConnection().execute('select 1')),
        bus: await probe(() => platform.bus.ping()),
        cache: await probe(() => platform.cache.ping()),
        // (a process that consumes is ready once its consumers run)
        ...(platform.config.ROLE === 'api' ? {} : { consumers: platform.bus.consuming ? 'ok' : 'not started' }),
      };
      const ok = Object.values(checks).every((c) => c === 'ok');
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', checks });
    },
  );

  app.get('/metrics', { schema: { tags: ['ops'], summary: 'Prometheus metrics', hide: true } }, async (_req, reply) =>
    reply.type(register.contentType).send(await register.metrics()),
  );

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['ops'],
        summary: 'Public keys that verify access tokens',
        response: { 200: Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return platform.tokens.jwks();
    },
  );
}
