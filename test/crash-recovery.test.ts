import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { startServer, type Server } from './helpers/process.ts';
import { eventually, strongPassword } from './helpers/app.ts';
import { httpCaller, stockedOverHttp } from './helpers/http-shop.ts';

/**
 * The server process is killed (SIGKILL, no goodbye) while 50 checkouts are in flight, then
 * started again on the same database: every order that exists reaches a final state, and no
 * reservation is left holding stock for an order that does not need it.
 */
describe('crash in the middle of checkouts', () => {
  let db: TestDatabase;
  let server: Server | undefined;
  const env = () => ({
    DATABASE_URL: db.url,
    SEED_DEMO: 'false',
    BUS_POLL_SECONDS: '0.5',
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'Admin-password-1',
    CACHE_PREFIX: `crash${Date.now()}:`,
  });
  const call = httpCaller(() => server!.url);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await db?.drop();
  });

  it('every order reaches a final state and no reservation dangles', async () => {
    server = await startServer(env());
    const admin = (
      await call('POST', '/admin/auth/login', { email: 'admin@example.com', password: 'Admin-password-1' })
    ).body.accessToken;
    const auth = { authorization: `Bearer ${admin}` };
    const { variantId, optionId: standard } = await stockedOverHttp(call, auth, {
      title: 'Crash Mug',
      price: 1200,
      stock: 30,
    });
    const carts: string[] = [];
    for (let i = 0; i < 50; i++) {
      const c = (await call('POST', '/store/carts', { currency: 'EUR', email: `crash${i}@example.com` })).body;
      await eventually(
        async () => (await call('POST', `/store/carts/${c.id}/items`, { variantId, quantity: 1 })).status === 200,
        10_000,
        50,
      );
      carts.push(c.id);
    }
    void strongPassword;

    // 50 checkouts, and the process dies while they run.
    const inFlight = carts.map((id) =>
      call(
        'POST',
        `/store/carts/${id}/checkout`,
        {
          shippingAddress: {
            firstName: 'A',
            lastName: 'B',
            line1: 'C 1',
            city: 'Berlin',
            postalCode: '10115',
            countryCode: 'DE',
          },
          shippingOptionId: standard,
          paymentMethod: { provider: 'test', token: 'tok_success' },
        },
        { 'idempotency-key': uuidv7() },
      ).catch(() => null),
    );
    // Killed once the first orders are placed, while the rest are still on their way.
    await eventually(
      async () => Number((await db.query('select count(*) as n from "order".orders'))[0].n) >= 3,
      20_000,
      5,
    );
    expect(await server.stop('SIGKILL')).toBeNull(); // killed, no exit code
    await Promise.all(inFlight);

    server = await startServer(env());
    const orders = await eventually(
      async () => {
        const rows = await db.query('select id, status from "order".orders');
        return rows.every((r) => r.status === 'confirmed' || r.status === 'canceled') ? rows : undefined;
      },
      90_000,
      500,
    );
    expect(orders.length).toBeGreaterThanOrEqual(3);
    // 30 in stock, up to 50 orders: at most 30 confirmed; every confirmed order holds its reservation, nothing else does.
    const confirmed = orders.filter((o) => o.status === 'confirmed').map((o) => o.id);
    expect(confirmed.length).toBeLessThanOrEqual(30);
    const active = await db.query(`select reference from inventory.reservations where status = 'reserved'`);
    expect(active.map((r) => r.reference).sort()).toEqual([...confirmed].sort());
    const [level] = await db.query(
      'select sum(on_hand)::int as on_hand, sum(reserved)::int as reserved from inventory.stock_levels where variant_id = $1',
      [variantId],
    );
    expect(level).toEqual({ on_hand: 30, reserved: confirmed.length });
  }, 180_000);
});
