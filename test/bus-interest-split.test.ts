import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { httpCaller } from './helpers/http-shop.ts';
import { serverEnv, startServer, type Server } from './helpers/process.ts';

/**
 * A split deployment (ROLE=api + ROLE=worker on one database): an endpoint created through the api
 * process starts the worker process's webhook queue at once, by the change's NOTIFY, not at the
 * worker's next interest check (set to a minute here, so only the notification can do it in time).
 * Separate processes: the webhook module's runtime is one per process.
 */
describe('bus interest across processes', () => {
  let db: TestDatabase;
  let api: Server | undefined;
  let worker: Server | undefined;
  const env = (role: string) =>
    serverEnv(db.url, {
      ROLE: role,
      LOG_LEVEL: 'warn',
      BUS_POLL_SECONDS: '0.5',
      BUS_INTEREST_CHECK_SECONDS: '60',
      // (deliveries go to a closed loopback port: attempts fail at once, nothing leaves the machine)
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    // (one after the other: the first one migrates)
    api = await startServer(env('api'));
    worker = await startServer(env('worker'));
  }, 90_000);
  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await db?.drop();
  });

  it("an endpoint created through the api process starts the worker process's queue at once", async () => {
    const call = httpCaller(() => api!.url);
    const login = await call('POST', '/admin/auth/login', { email: 'admin@example.com', password: 'Admin-password-1' });
    const auth = { authorization: `Bearer ${login.body.accessToken}` };
    const endpoint = await call(
      'POST',
      '/admin/webhooks',
      {
        url: 'http://127.0.0.1:9/in',
        eventTypes: ['product.created.v1'],
      },
      auth,
    );
    expect(endpoint.status).toBe(201);
    const product = await call('POST', '/admin/products', { title: 'Heard at once', variants: [{ sku: sku() }] }, auth);
    expect(product.status).toBe(201);
    // Handled by the worker process well within its 60 s check.
    await eventually(
      async () =>
        (
          await db.query(
            `select 1 from webhook.deliveries where endpoint_id = $1 and body::jsonb->'data'->>'productId' = $2`,
            [endpoint.body.id, product.body.id],
          )
        ).length === 1,
      10_000,
      50,
    );
  });
});
