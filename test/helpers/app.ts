import { resolve } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { Logger } from 'pino';
import type { EventDef, PayloadOf } from '../../src/platform/bus/event.ts';
import { boot, type Tessera } from '../../src/platform/host/boot.ts';
import type { Config } from '../../src/platform/config/schema.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { testRateLimits } from './process.ts';

export const ledgerModuleDir = resolve(import.meta.dirname, '../fixtures/ledger');

/** Settings every in-process test app shares: quick polling, short retries, quiet logs. */
export const testSettings = (db: TestDatabase): Partial<Config> => ({
  DATABASE_URL: db.url,
  NODE_ENV: 'test',
  SEED_DEMO: false,
  LOG_LEVEL: (process.env.TEST_LOG_LEVEL as Config['LOG_LEVEL'] | undefined) ?? 'silent', // TEST_LOG_LEVEL=error to see server errors
  BUS_POLL_SECONDS: 0.5,
  BUS_POOL_MAX: 4, // (many test apps share one Postgres)
  BUS_RETRY_LIMIT: 2,
  BUS_RETRY_DELAY_SECONDS: 1,
  BUS_RETRY_DELAY_MAX_SECONDS: 2,
  AUTH_RATE_LIMIT_MAX: 10_000,
  RATE_LIMITS: testRateLimits,
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'Admin-password-1',
  CACHE_PREFIX: `t${Math.random().toString(36).slice(2, 8)}:`,
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
});

export interface TestApp extends Tessera {
  db: TestDatabase;
  request(
    method: string,
    url: string,
    opts?: {
      body?: unknown;
      token?: string;
      headers?: Record<string, string>;
      payload?: string;
      /** The client's address as the socket sees it (default 127.0.0.1). */
      remoteAddress?: string;
    },
  ): Promise<LightMyRequestResponse>;
  stop(): Promise<void>;
}

/** Boots a whole app in-process on its own database; `request` goes through app.inject (no socket). */
export async function startTestApp(
  overrides: Partial<Config> = {},
  opts: { db?: TestDatabase; logger?: Logger } = {},
): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase());
  const tessera = await boot({ env: {}, overrides: { ...testSettings(db), ...overrides }, logger: opts.logger });
  const request: TestApp['request'] = (method, url, opts = {}) =>
    tessera.app.inject({
      method: method as any,
      url,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined || opts.payload !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      payload: opts.payload ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
      ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    });
  return {
    ...tessera,
    db,
    request,
    stop: async () => {
      await tessera.close();
      await db.drop();
    },
  };
}

let counter = 0;
export const uniqueEmail = (tag = 'shopper') =>
  `${tag}.${Date.now().toString(36)}.${++counter}.${Math.random().toString(36).slice(2, 6)}@example.com`;
export const strongPassword = 'Correct-horse-9';

/** Registers a customer (202, no session: registration does not tell whether an email exists), signs in, returns its tokens and id. */
export async function registerCustomer(app: TestApp, email = uniqueEmail()) {
  const res = await app.request('POST', '/store/auth/register', {
    body: { email, password: strongPassword, firstName: 'Ada' },
  });
  if (res.statusCode !== 202) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  const login = await app.request('POST', '/store/auth/login', { body: { email, password: strongPassword } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const body = login.json();
  return {
    email,
    id: body.customer.id as string,
    token: body.accessToken as string,
    refreshToken: body.refreshToken as string,
  };
}

export async function adminToken(app: TestApp): Promise<string> {
  const res = await app.request('POST', '/admin/auth/login', {
    body: { email: 'admin@example.com', password: 'Admin-password-1' },
  });
  if (res.statusCode !== 200) throw new Error(`admin login failed: ${res.statusCode} ${res.body}`);
  return res.json().accessToken;
}

/** Polls until the check returns a truthy value (eventual consistency across the bus). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
}

/** Publishes an event as another module would (its producer), in a transaction of its own. */
export const publishAs = <E extends EventDef>(app: TestApp, producer: string, event: E, payload: PayloadOf<E>) =>
  app.platform.orm.em.fork().transactional((em) => app.platform.bus.publish(em, event, payload, { producer }));

/** Resolves once a consumer module has handled the event (its id is in that module's inbox). */
export const handledBy = (app: TestApp, consumer: string, eventId: string) =>
  eventually(
    async () => (await app.db.query(`select 1 from "${consumer}".inbox where event_id = $1`, [eventId])).length > 0,
  );
