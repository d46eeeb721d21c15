import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { startServer, type Server } from './helpers/process.ts';
import { eventually, ledgerModuleDir, strongPassword, uniqueEmail } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';
import { httpCaller, stockedOverHttp } from './helpers/http-shop.ts';
import { address } from './helpers/shop.ts';

/**
 * Two processes with different MODULES against one database: the user module in one, the
 * test's ledger module in the other. Events cross between them through the shared pg-boss schema.
 */
describe('split deployment', () => {
  let db: TestDatabase;
  const servers: Server[] = [];
  const env = (modules: string) => ({
    DATABASE_URL: db.url,
    MODULES: modules,
    SEED_DEMO: 'false',
    EXTRA_MODULES: ledgerModuleDir,
    BUS_POLL_SECONDS: '0.5',
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'Admin-password-1',
    CACHE_PREFIX: `split${Date.now()}:`,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    await db?.drop();
  });

  it('an event published while its subscriber is down is handled once that process starts', async () => {
    const users = await startServer(env('user'));
    servers.push(users);
    const email = uniqueEmail();
    const res = await fetch(`${users.url}/store/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: strongPassword }),
    });
    expect(res.status).toBe(202);
    // The ledger process has never run: its schema does not exist, its queue already holds the event.
    expect(await db.query(`select 1 from information_schema.schemata where schema_name = 'ledger'`)).toHaveLength(0);
    const waiting = await db.query(
      `select state from pgboss.job where name = 'ledger/user.registered.v1' and data->'payload'->>'email' = $1`,
      [email],
    );
    expect(waiting).toEqual([{ state: 'created' }]);

    const ledger = await startServer(env('ledger'));
    servers.push(ledger);
    const rows = await eventually(
      async () => {
        const r = await db.query('select * from ledger.entries where email = $1', [email]);
        return r.length ? r : undefined;
      },
      15_000,
      100,
    );
    expect(rows).toHaveLength(1);

    // Each process serves only its own modules' routes.
    expect(
      (
        await fetch(`${ledger.url}/store/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(404);
    expect((await fetch(`${ledger.url}/health`)).status).toBe(200);
    // ...and a token the user process signed is accepted by the other one (keys are shared, JWKS matches).
    const jwksA = await (await fetch(`${users.url}/.well-known/jwks.json`)).json();
    const jwksB = await (await fetch(`${ledger.url}/.well-known/jwks.json`)).json();
    expect(jwksB).toEqual(jwksA);

    // Graceful shutdown on SIGTERM: both exit 0.
    expect(await ledger.stop('SIGTERM')).toBe(0);
    expect(await users.stop('SIGTERM')).toBe(0);
  }, 90_000);

  it('SIGTERM lets in-flight requests finish before the process exits', async () => {
    const server = await startServer(env('user'));
    servers.push(server);
    // Registrations hash a password (tens of ms each): several are still running when the signal lands.
    const pending = Array.from({ length: 6 }, () =>
      fetch(`${server.url}/store/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: uniqueEmail(), password: strongPassword }),
      }),
    );
    // Signal once the server has taken all six (a request not yet accepted would meet a closed port).
    await eventually(
      async () => (server.output().match(/"url":"\/store\/auth\/register"/g) ?? []).length >= 6,
      10_000,
      2,
    );
    const exit = server.stop('SIGTERM');
    const statuses = await Promise.all(pending.map((p) => p.then((r) => r.status)));
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202]);
    expect(await exit).toBe(0);
    expect(server.output()).toContain('shutting down');
  }, 90_000);

  it('ROLE=api and ROLE=worker processes on one database complete the purchase journey', async () => {
    const api = await startServer({ ...env('all'), ROLE: 'api', LOG_LEVEL: 'warn' });
    servers.push(api);
    const call = httpCaller(() => api.url);
    const login = await call('POST', '/admin/auth/login', { email: 'admin@example.com', password: 'Admin-password-1' });
    const auth = { authorization: `Bearer ${login.body.accessToken}` };
    const product = (
      await call(
        'POST',
        '/admin/products',
        { title: 'Split Mug', status: 'published', variants: [{ sku: sku() }] },
        auth,
      )
    ).body;
    const unheard = product.variants[0].id;
    const price = () => call('PUT', `/admin/prices/${unheard}`, { prices: [{ currency: 'EUR', amount: 1500 }] }, auth);
    // The api process consumes nothing: pricing does not hear of the new variant.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await price()).status).not.toBe(200);
    // ...and says so: what it publishes has no running consumer yet, so it cannot do its work.
    const alone = await fetch(`${api.url}/ready`);
    expect(alone.status).toBe(503);
    expect(((await alone.json()) as { checks: { published: string } }).checks.published).toMatch(
      /^no running consumer: /,
    );

    const worker = await startServer({ ...env('all'), ROLE: 'worker', LOG_LEVEL: 'warn' });
    servers.push(worker);
    // The worker answers the ops routes only, and is ready once its consumers run.
    expect((await fetch(`${worker.url}/store/products`)).status).toBe(404);
    expect(await (await fetch(`${worker.url}/ready`)).json()).toMatchObject({
      status: 'ready',
      checks: { consumers: 'ok' },
    });

    await eventually(async () => (await price()).status === 200, 15_000, 100); // (its queued event, drained)
    await eventually(async () => (await fetch(`${api.url}/ready`)).status === 200, 15_000, 100); // (the worker's heartbeat)
    const { variantId, optionId } = await stockedOverHttp(call, auth, {
      title: 'Split Mug',
      price: 1500,
      stock: 5,
      timeoutMs: 15_000,
    });
    const cart = (await call('POST', '/store/carts', { currency: 'EUR', email: 'split@example.com' })).body;
    await eventually(
      async () => (await call('POST', `/store/carts/${cart.id}/items`, { variantId, quantity: 2 })).status === 200,
      15_000,
      100,
    );
    const checkout = await call(
      'POST',
      `/store/carts/${cart.id}/checkout`,
      {
        shippingAddress: address,
        shippingOptionId: optionId,
        paymentMethod: { provider: 'test', token: 'tok_success' },
      },
      { 'idempotency-key': `split-${Date.now()}`, prefer: 'wait=15' },
    );
    expect(checkout.status).toBe(200);
    expect(checkout.body.order).toMatchObject({ status: 'confirmed' });
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(await worker.stop('SIGTERM')).toBe(0);
  }, 90_000);
});
