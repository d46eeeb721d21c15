import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { uuidv7 } from '../ids.ts';
import type { Platform } from '../host/platform.ts';
import type { ModuleDefinition } from '../host/module.ts';
import { traceRequests, TraceLogController } from '../observability/request-trace.ts';
import { measureRequests } from '../observability/http-metrics.ts';
import { errorHandler, Problem, sendProblem, titleFor } from './errors.ts';
import { buildValidator } from './validation.ts';
import { buildSerializer } from './serialization.ts';
import { opsRoutes } from './ops-routes.ts';
import { deadLetterRoutes } from '../bus/routes.ts';
import { RedisCache } from '../cache/redis.ts';
import { configWarnings } from '../config/payment.ts';
import { boundIntegers, rejectUncleanInput } from './input-guard.ts';
import { opsAccess } from './ops-access.ts';
import { ConfigError } from '../config/load.ts';
import { rememberSignIns } from './rate-limit.ts';
import { checkPermission, declarePermission } from './auth.ts';

/** Never log secrets: credentials in headers and bodies are censored by pino. */
const redact = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  '*.password',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
];

/** Builds the HTTP app: platform plugins on the root, then each hosted module in its own context. */
export async function buildHttp(
  platform: Platform,
  modules: ModuleDefinition[],
  opts: { routes: boolean; web?: (app: FastifyInstance) => Promise<void> } = { routes: true },
): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.log.child({}, { redact }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : uuidv7();
    },
    requestIdHeader: false,
    // (request log lines carry the request's trace id: request-trace.ts)
    logController: new TraceLogController(),
    // X-Forwarded-For only from the proxies named in TRUST_PROXY: anyone else could pick their address.
    trustProxy: trustedProxies(config.TRUST_PROXY),
    // The router's own refusals (a bad %-escape, an over-long path parameter) as problems too.
    frameworkErrors: (err, req, reply) => {
      const status = err.statusCode ?? 400;
      sendProblem(reply, {
        type: 'about:blank',
        title: titleFor(status),
        status,
        detail: err.message,
        instance: req.url,
      });
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // (Fastify types the factory around its own Ajv; ours returns the same compile function shape.)
    schemaController: { compilersFactory: { buildValidator: buildValidator as never, buildSerializer } },
  });
  app.decorate('platform', platform);
  app.addSchema(Problem);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `No route ${req.method} ${req.url.split('?')[0]}`,
      instance: req.url,
    }),
  );

  app.addHook('onRoute', boundIntegers);
  app.addHook('preValidation', rejectUncleanInput);
  app.addHook('onResponse', rememberSignIns);
  await app.register(opsAccess);
  for (const warning of configWarnings(config)) app.log.warn(`WARNING: ${warning}`);

  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  await app.register(traceRequests);
  await app.register(measureRequests);

  // Permissions: declared per /admin route (checked at boot, listed in OpenAPI), enforced first.
  app.addHook('onRoute', declarePermission);
  app.addHook('onRequest', checkPermission);

  // On shutdown: answer what is in flight, then close those keep-alive connections too, so the
  // server can finish closing instead of waiting for clients to hang up.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  await app.register(rateLimit, {
    global: false,
    ...(platform.cache instanceof RedisCache
      ? { redis: platform.cache.client, nameSpace: `${config.CACHE_PREFIX}rl:` }
      : {}),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      message: `Rate limit exceeded, retry in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });

  // Behind a gateway, /docs/json documents every process's routes (npm run routes:table writes it).
  const merged = config.DOCS_DOCUMENT ? readDocument(config.DOCS_DOCUMENT) : undefined;
  await app.register(swagger, {
    ...(merged ? { transformObject: () => merged } : {}),
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version: '0.1.0',
        description: 'Headless commerce: /store for shoppers, /admin for staff.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(opsRoutes);
  // (a worker process answers /health, /ready and /metrics only)
  if (opts.routes) await app.register(deadLetterRoutes);
  for (const m of modules) if (m.routes) await app.register(m.routes);
  // (the screens, e.g. the storefront: clients of the routes above, in the same process)
  if (opts.routes && opts.web) await opts.web(app as unknown as FastifyInstance);
  return app as unknown as FastifyInstance;
}

/** DOCS_DOCUMENT's file, or a configuration error naming it. */
function readDocument(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError('DOCS_DOCUMENT', `names no readable OpenAPI document (${(err as Error).message})`);
  }
}

/** TRUST_PROXY (a comma list of addresses or CIDRs) as Fastify's trustProxy; empty trusts nobody. */
function trustedProxies(list: string): string[] | false {
  const proxies = list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return proxies.length ? proxies : false;
}
