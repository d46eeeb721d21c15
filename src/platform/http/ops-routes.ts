import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { register } from 'prom-client';
import { configWarnings } from '../config/payment.ts';
import { describeUnconsumed } from '../bus/consumers.ts';

const Check = Type.Object({
  status: Type.String(),
  checks: Type.Record(Type.String(), Type.String()),
  /** The demo shop is still being filled in (a new install's first start); the API already answers. */
  seeding: Type.Boolean(),
  seed: Type.Optional(Type.Object({ products: Type.Integer(), of: Type.Integer() })),
  /** Settings that work but put the shop at risk (e.g. the test payment provider in production). */
  warnings: Type.Optional(Type.Array(Type.String())),
  /** Events this process publishes that no running process consumes, with the consumers missing. */
  unconsumed: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
});

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
        summary:
          'Database, bus and cache are reachable, the bus consumers run, and every event this process publishes has a running consumer',
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
      let unconsumed: Record<string, string[]> | undefined;
      const consumed = async () => {
        unconsumed = Object.fromEntries(
          Object.entries((await platform.unconsumed?.()) ?? {}).filter(([, missing]) => missing.length),
        );
        const line = describeUnconsumed(unconsumed);
        if (line !== 'ok') throw new Error(line);
      };
      const checks = {
        database: await probe(() => platform.orm.em.getConnection().execute('select 1')),
        bus: await probe(() => platform.bus.ping()),
        cache: await probe(() => platform.cache.ping()),
        // (a process that consumes is ready once its consumers run)
        ...(platform.config.ROLE === 'api' ? {} : { consumers: platform.bus.consuming ? 'ok' : 'not started' }),
        // (an event nobody will handle: an order placed here would wait for ever)
        published: (await probe(consumed)).replace(/^down: /, ''),
      };
      const ok = Object.values(checks).every((c) => c === 'ok');
      // Seeding does not make the process unready (it serves meanwhile, and an orchestrator must not
      // hold a rollout for a demo catalog); whoever waits for the whole demo shop waits for seeding: false.
      const seed = platform.demoSeed?.running
        ? { products: platform.demoSeed.done, of: platform.demoSeed.total }
        : undefined;
      const warnings = configWarnings(platform.config);
      return reply.code(ok ? 200 : 503).send({
        status: ok ? 'ready' : 'not ready',
        checks,
        seeding: Boolean(seed),
        ...(seed ? { seed } : {}),
        ...(warnings.length ? { warnings } : {}),
        ...(unconsumed && Object.keys(unconsumed).length ? { unconsumed } : {}),
      });
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
