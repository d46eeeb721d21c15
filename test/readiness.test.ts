import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { startServer, type Server } from './helpers/process.ts';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { randomUUID } from 'node:crypto';
import { address, checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';

const everyModuleBut = (name: string) =>
  'user,product,pricing,inventory,order,payment,shipping,notification,review,analytics,recommendation,webhook'
    .split(',')
    .filter((m) => m !== name)
    .join(',');

/**
 * /ready tells whether a process can do its work: the events it publishes have consumers that
 * run (their heartbeats), and an order nobody answers for does not wait for ever.
 */
describe('honest readiness', () => {
  describe('a process hosting only order', () => {
    let db: TestDatabase;
    const servers: Server[] = [];
    const env = (modules: string) => ({
      DATABASE_URL: db.url,
      MODULES: modules,
      SEED_DEMO: 'false',
      BUS_HEARTBEAT_SECONDS: '1',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'Admin-password-1',
      CACHE_PREFIX: `ready${Date.now()}:`,
    });
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      for (const s of servers) await s.stop('SIGKILL');
      await db?.drop();
    });

    it('is not ready while nothing consumes its events, names the missing consumers, and is once they run', async () => {
      const order = await startServer(env('order'));
      servers.push(order);
      const alone = await fetch(`${order.url}/ready`);
      expect(alone.status).toBe(503);
      const body = (await alone.json()) as {
        status: string;
        checks: Record<string, string>;
        unconsumed: Record<string, string[]>;
      };
      expect(body.status).toBe('not ready');
      expect(body.checks).toMatchObject({ database: 'ok', bus: 'ok', consumers: 'ok' });
      expect(body.checks.published).toMatch(/^no running consumer: .*order\.placed\.v1 \(/);
      // Who would have handled order.placed: pricing and inventory (and the read models), none running.
      expect(body.unconsumed['order.placed.v1']).toEqual(expect.arrayContaining(['inventory', 'pricing']));
      expect(body.unconsumed['order.payment_requested.v1']).toEqual(['payment']);
      // Its own task has a worker here: not missing.
      expect(body.unconsumed['order.overdue_sweep_due.v1']).toBeUndefined();
      // The gauge says the same, one series per event it publishes.
      const metrics = await (await fetch(`${order.url}/metrics`)).text();
      expect(metrics).toMatch(/tessera_bus_unconsumed_events\{event="order\.payment_requested\.v1"\} 1\n/);
      expect(metrics).not.toMatch(/tessera_bus_unconsumed_events\{event="order\.overdue_sweep_due\.v1"\}/);
      // /health is only "alive".
      expect((await fetch(`${order.url}/health`)).status).toBe(200);

      // The rest starts: its heartbeat names the queues it works, and the order process is ready.
      const rest = await startServer(env(everyModuleBut('order')));
      servers.push(rest);
      await eventually(async () => (await fetch(`${order.url}/ready`)).status === 200, 20_000, 200);
      const served = await (await fetch(`${order.url}/metrics`)).text();
      expect(served).not.toMatch(/tessera_bus_unconsumed_events\{event="order\.placed\.v1"\}/);

      // It stops (its heartbeat row goes with it): not ready again.
      expect(await rest.stop('SIGTERM')).toBe(0);
      const after = await eventually<{ unconsumed: Record<string, string[]> }>(
        async () => {
          const r = await fetch(`${order.url}/ready`);
          return r.status === 503 ? ((await r.json()) as { unconsumed: Record<string, string[]> }) : undefined;
        },
        10_000,
        200,
      );
      expect(after.unconsumed['order.placed.v1']).toEqual(expect.arrayContaining(['inventory', 'pricing']));
    }, 120_000);
  });

  describe('a pending order nobody answers for', () => {
    let app: TestApp;
    let admin: string;
    beforeAll(async () => {
      app = await startTestApp({ ORDER_PENDING_TIMEOUT_SECONDS: 6, BUS_HEARTBEAT_SECONDS: 1 });
      admin = await adminToken(app);
    });
    afterAll(async () => {
      await app?.stop();
    });

    it('times out like an unpaid one: canceled, its stock released, and /ready named the consumer gone', async () => {
      const { variantId, optionId } = await stockedVariant(app, admin, { title: 'Lonely Mug', price: 900, stock: 4 });
      const cartId = await guestCart(app, variantId, 3);
      // Pricing stops consuming order.placed: inventory still reserves, the order is never priced.
      await app.platform.bus.stopConsuming('pricing/order.placed.v1');
      const ready = await eventually<{ unconsumed: Record<string, string[]> }>(
        async () => {
          const r = await app.request('GET', '/ready');
          return r.statusCode === 503 ? r.json() : undefined;
        },
        10_000,
        100,
      );
      expect(ready.unconsumed).toEqual({ 'order.placed.v1': ['pricing'] });

      const placed = await app.request('POST', `/store/carts/${cartId}/checkout`, {
        headers: { 'idempotency-key': randomUUID() },
        body: {
          shippingAddress: address,
          shippingOptionId: optionId,
          paymentMethod: { provider: 'test', token: 'tok_success' },
        },
      });
      expect(placed.statusCode).toBe(202);
      const orderId = placed.json().order.id;
      const stock = async () =>
        (await app.request('GET', `/admin/inventory/${variantId}`, { token: admin })).json().reserved;
      await eventually(async () => (await stock()) === 3, 10_000, 50); // (held by the pending order)

      const canceled = await eventually(
        async () => {
          const o = (await app.request('GET', `/admin/orders/${orderId}`, { token: admin })).json();
          return o.status === 'canceled' ? o : undefined;
        },
        25_000,
        200,
      );
      expect(canceled.cancelReason).toMatch(/checkout did not complete in time \(no answer from pricing\)/);
      // order.canceled reached inventory: the reservation is released.
      await eventually(async () => (await stock()) === 0, 10_000, 100);
      const [event] = await app.db.query(
        `select data->'payload'->>'reasonCode' as code from pgboss.job
          where name = 'inventory/order.canceled.v1' and data->'payload'->>'orderId' = $1`,
        [orderId],
      );
      expect(event).toEqual({ code: 'checkout_timeout' });
    }, 60_000);

    it('an order priced and reserved in time books no timer of its own (the deadline sweep covers every order)', async () => {
      const { variantId, optionId } = await stockedVariant(app, admin, { title: 'Busy Mug', price: 900, stock: 4 });
      const cartId = await guestCart(app, variantId, 1);
      // (pricing consumes order.placed again)
      const pricing = app.modules.find((m) => m.name === 'pricing')!;
      const sub = pricing.subscriptions.find((s) => s.event.name === 'order.placed.v1')!;
      await app.platform.bus.consume(app.platform.orm, 'pricing', sub.event, sub.handler, sub);
      const placed = await checkoutAndWait(app, cartId, optionId, { provider: 'test', token: 'tok_success' });
      expect(placed.json().order.status).toBe('confirmed');
      const timers = await app.db.query(
        `select id from pgboss.job where name like 'order/task.%' and data->'payload'->>'orderId' = $1`,
        [placed.json().order.id],
      );
      expect(timers).toEqual([]);
    }, 60_000);
  });
});
