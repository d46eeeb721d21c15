import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { loginAs as as, migratedByOwner, runScript as run, sql, type OwnedDatabase } from './helpers/db-logins.ts';
import { startServer, type Server } from './helpers/process.ts';
import { eventually } from './helpers/app.ts';
import { stockedOverHttp } from './helpers/http-shop.ts';
import { routedCaller } from './helpers/routed-shop.ts';
import { address } from './helpers/shop.ts';

const rest = 'pricing,inventory,shipping,notification,review,analytics,recommendation,webhook';

describe('least privilege in Postgres: a role per module, migrations by the owner', () => {
  let db: TestDatabase;
  let roles: OwnedDatabase;
  let prefix: string;
  let owner: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // The owning role creates the schemas (CREATE on the database) and the module roles (CREATEROLE).
    roles = await migratedByOwner(db);
    ({ prefix, owner } = roles);
    for (const [login, modules] of [
      ['p1', 'user,product'],
      ['p2', 'order,payment'],
      ['p3', rest],
    ])
      await roles.login(login, modules);
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    await db?.drop();
    await roles?.dropRoles();
  });

  it("a module's role cannot read another module's tables, nor change any schema", async () => {
    const checkout = as(db.url, `${prefix}p2`);
    // Its own schema: yes.
    expect((await sql(checkout, 'select count(*)::int as n from "order".orders')).rows[0].n).toBe(0);
    // Another module's: permission denied (42501), for reading and for writing.
    await expect(sql(checkout, 'select * from "user".customers')).rejects.toMatchObject({ code: '42501' });
    await expect(sql(checkout, 'select * from product.products')).rejects.toMatchObject({ code: '42501' });
    await expect(sql(checkout, 'select * from "user".signing_key')).rejects.toMatchObject({ code: '42501' });
    // No DDL, not even in its own schema; its migration history is read-only.
    await expect(sql(checkout, 'create table "order".sneaky (id int)')).rejects.toMatchObject({ code: '42501' });
    await expect(sql(checkout, 'create schema sneaky')).rejects.toMatchObject({ code: '42501' });
    await expect(sql(checkout, 'delete from "order".mikro_orm_migrations')).rejects.toMatchObject({ code: '42501' });
    // The platform's public keys: read by all, written only by the user module's role.
    await sql(checkout, 'select kid from platform.signing_key');
    await expect(sql(checkout, `update platform.signing_key set retired_at = now()`)).rejects.toMatchObject({
      code: '42501',
    });
    await sql(as(db.url, `${prefix}p1`), `update platform.signing_key set retired_at = retired_at`);
    // The owner owns the schemas.
    const owners = await db.query(
      `select distinct pg_get_userbyid(nspowner) as owner from pg_namespace where nspname in ('order', 'user', 'platform', 'pgboss')`,
    );
    expect(owners).toEqual([{ owner }]);
  });

  it('a runtime role on a database that is not migrated stops the boot, naming the fix', async () => {
    const empty = await createTestDatabase();
    try {
      const out = await run('src/main.ts', [], {
        DATABASE_URL: as(empty.url, `${prefix}p2`),
        MODULES: 'order,payment',
        PORT: '0',
        SEED_DEMO: 'false',
      });
      expect(out.code).toBe(2);
      expect(out.out).toContain('The database schema is not current for order, payment');
      expect(out.out).toContain('MIGRATION_DATABASE_URL');
      // ...and it changed nothing.
      expect(await empty.query(`select 1 from pg_namespace where nspname in ('order', 'platform', 'pgboss')`)).toEqual(
        [],
      );
    } finally {
      await empty.drop();
    }
  }, 60_000);

  it('three processes, each with its own login role, complete a purchase journey over HTTP', async () => {
    const env = (login: string, modules: string) => ({
      DATABASE_URL: as(db.url, `${prefix}${login}`),
      DB_ROLE_PREFIX: prefix,
      MODULES: modules,
      SEED_DEMO: 'false',
      BUS_POLL_SECONDS: '0.5',
      BUS_HEARTBEAT_SECONDS: '1',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'Admin-password-1',
      CACHE_PREFIX: `roles${Date.now()}:`,
    });
    const p1 = await startServer(env('p1', 'user,product'));
    servers.push(p1);
    const p2 = await startServer({ ...env('p2', 'order,payment'), AUTH_URL: p1.url });
    servers.push(p2);
    const p3 = await startServer({ ...env('p3', rest), AUTH_URL: p1.url });
    servers.push(p3);
    // Every process is ready once the others' heartbeats say their events have consumers.
    for (const p of [p1, p2, p3])
      await eventually(async () => (await fetch(`${p.url}/ready`)).status === 200, 15_000, 200);

    const call = await routedCaller([p1.url, p2.url, p3.url]);
    const login = await call('POST', '/admin/auth/login', { email: 'admin@example.com', password: 'Admin-password-1' });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${login.body.accessToken}` };
    const { variantId, optionId } = await stockedOverHttp(call, auth, {
      title: 'Roles Mug',
      price: 1500,
      stock: 5,
      timeoutMs: 15_000,
    });
    const cart = (await call('POST', '/store/carts', { currency: 'EUR', email: 'roles@example.com' })).body;
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
      { 'idempotency-key': `roles-${Date.now()}`, prefer: 'wait=15' },
    );
    expect(checkout.status).toBe(200);
    expect(checkout.body.order).toMatchObject({ status: 'confirmed' });
    // Each process ran as its own role, and none of them is the owner.
    const sessions = await db.query(
      `select distinct usename from pg_stat_activity where datname = current_database() and usename like $1`,
      [`${prefix}p%`],
    );
    expect(sessions.map((s) => s.usename).sort()).toEqual([`${prefix}p1`, `${prefix}p2`, `${prefix}p3`]);
    for (const p of [p1, p2, p3]) expect(await p.stop('SIGTERM')).toBe(0);
  }, 180_000);
});
