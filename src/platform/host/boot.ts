import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.ts';
import { createOrm } from '../db/orm.ts';
import { Listener } from '../db/listener.ts';
import { prepareDatabase } from '../db/prepare.ts';
import { EventBus, taskQueueName } from '../bus/bus.ts';
import { WorkerHeartbeat } from '../bus/heartbeat.ts';
import { findUnconsumed, watchConsumers, type ConsumerWatchInput } from '../bus/consumers.ts';
import { createCache } from '../cache/index.ts';
import { loadPublicKeys } from '../auth/keys.ts';
import { remoteApiKeys } from '../auth/api-key-client.ts';
import { TokenService } from '../auth/tokens.ts';
import { buildHttp } from '../http/app.ts';
import { createLogger } from '../observability/logger.ts';
import { collectProcessMetrics } from '../observability/process-metrics.ts';
import { startTracing } from '../observability/tracing.ts';
import { discoverModules, selectModules } from './load-modules.ts';
import type { ModuleDefinition } from './module.ts';
import type { Platform } from './platform.ts';
import { registerWebApps } from './web-apps.ts';

export interface Tessera {
  app: FastifyInstance;
  platform: Platform;
  modules: ModuleDefinition[];
  /** Stops taking requests, lets in-flight work finish, stops workers, closes pools. */
  close(): Promise<void>;
}

export interface BootOptions {
  env?: Record<string, string | undefined>;
  overrides?: Partial<Config>;
  logger?: Logger;
}

/** Boots the platform and the modules named in MODULES. */
export async function boot(opts: BootOptions = {}): Promise<Tessera> {
  const env = opts.env ?? process.env;
  const config = loadConfig(env, opts.overrides);
  const log = opts.logger ?? (await createLogger(config));
  // (main.ts starts tracing earlier when it can, so pg is instrumented; this is a no-op then)
  await startTracing({ serviceName: config.OTEL_SERVICE_NAME, endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  collectProcessMetrics();
  const all = await discoverModules(config.EXTRA_MODULES);
  const modules = selectModules(all, config.MODULES);

  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
      portExplicit: Boolean(env.EMBEDDED_PG_PORT),
      log,
    });
    url = embedded.url;
  }

  const orm = await createOrm(
    url,
    modules.flatMap((m) => m.entities),
    {
      max: config.DB_POOL_MAX,
      waitMs: config.DB_POOL_WAIT_MS,
      session: Object.assign(
        // (a transaction a hung await left open must not hold its locks for ever)
        { idle_in_transaction_session_timeout: String(config.DB_IDLE_TRANSACTION_MS) },
        ...modules.map((m) => m.sessionSettings ?? {}),
      ),
    },
  );
  // Migrates (as the owner) or, with a runtime role, only checks the schema is current.
  const access = await prepareDatabase({
    orm,
    url,
    migrationUrl: embedded ? undefined : config.MIGRATION_DATABASE_URL,
    rolePrefix: config.DB_ROLE_PREFIX,
    modules: modules.map((m) => ({ schema: m.name, dir: m.migrationsDir })),
    entities: modules.flatMap((m) => m.entities),
    log: (msg) => log.info(msg),
  }).catch(async (err) => {
    await orm.close();
    await embedded?.stop();
    throw err;
  });
  // No private key here: the user module, where hosted, hands the token service its signer.
  const tokens = new TokenService({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    jwksUrl: config.AUTH_JWKS_URL,
    loadKeys: () => loadPublicKeys(orm.em.fork()),
    apiKeys: config.AUTH_URL ? remoteApiKeys(config.AUTH_URL, config.AUTH_API_KEY_CACHE_SECONDS) : undefined,
  });
  const cache = createCache(config.REDIS_URL, config.CACHE_PREFIX);
  const bus = new EventBus({
    url,
    log,
    notify: config.BUS_NOTIFY,
    pollSeconds: config.BUS_POLL_SECONDS,
    backgroundPollSeconds: config.BUS_BACKGROUND_POLL_SECONDS,
    interestCheckSeconds: config.BUS_INTEREST_CHECK_SECONDS,
    poolMax: config.BUS_POOL_MAX,
    batchSize: config.BUS_BATCH_SIZE,
    concurrency: config.BUS_CONCURRENCY,
    expireSeconds: config.BUS_EXPIRE_SECONDS,
    retryLimit: config.BUS_RETRY_LIMIT,
    retryDelaySeconds: config.BUS_RETRY_DELAY_SECONDS,
    retryDelayMaxSeconds: config.BUS_RETRY_DELAY_MAX_SECONDS,
    migrate: access === 'owner',
  });
  await bus.start().catch(async (err) => {
    // (a bus that cannot start, e.g. a pg-boss schema of another version, stops the boot cleanly)
    await Promise.allSettled([orm.close(), cache.close()]);
    await embedded?.stop();
    throw err;
  });
  // Every process declares every known module's queues, hosted or not, so an event published
  // while its consumer's process is down (or not yet deployed) waits in that consumer's queue.
  await bus.declareAll(
    all.flatMap((m) =>
      m.subscriptions.map((s) => ({
        consumer: m.name,
        event: s.event.name,
        background: s.background,
        onInterest: s.onInterest,
      })),
    ),
    all.flatMap((m) => (m.tasks ?? []).map((t) => ({ task: t.event, background: t.background }))),
  );
  const listener = new Listener(url, log);
  // /ready and a gauge name the events this process publishes that no running process consumes.
  const watch: ConsumerWatchInput = {
    orm,
    published: modules.flatMap((m) => [
      ...m.publishes.map((e) => ({ event: e.name, queues: () => bus.queuesOf(e.name) })),
      ...(m.tasks ?? []).map((t) => ({ event: t.event.name, queues: () => [taskQueueName(t.event)] })),
    ]),
    local: () => bus.workingQueues,
    heartbeatSeconds: config.BUS_HEARTBEAT_SECONDS,
  };
  watchConsumers(watch);
  const platform: Platform = {
    config,
    log,
    orm,
    bus,
    cache,
    tokens,
    listener,
    unconsumed: () => findUnconsumed(watch),
  };
  for (const m of modules) await m.setup?.(platform);
  // ROLE: an api process hosts routes only; a worker process the consumers and tasks only.
  if (config.ROLE !== 'api') {
    for (const m of modules) {
      for (const s of m.subscriptions) await bus.consume(orm, m.name, s.event, s.handler, s);
      for (const t of m.tasks ?? [])
        await bus.consume(orm, m.name, t.event, t.handler, { ...t, queue: taskQueueName(t.event) });
    }
    bus.markConsuming();
  }
  const heartbeat =
    config.ROLE === 'api'
      ? undefined
      : new WorkerHeartbeat(
          orm,
          modules.map((m) => m.name),
          () => bus.workingQueues,
          config.BUS_HEARTBEAT_SECONDS,
          log,
        );
  await heartbeat?.start();

  const app = await buildHttp(platform, config.ROLE === 'worker' ? [] : modules, {
    routes: config.ROLE !== 'worker',
    web: (http) => registerWebApps(http, config, modules),
  });
  await app.ready();
  for (const m of modules) await m.onStart?.(platform);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await heartbeat?.stop();
      await bus.stop();
      await listener.close();
      await orm.close();
      await cache.close();
      await embedded?.stop();
    })());
  return { app, platform, modules, close };
}
