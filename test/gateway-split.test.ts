// The purchase journey through the real nginx, configured from the route table, in front of three
// processes on one database (P1 user+product, P2 order+payment, P3 the rest): the client knows one
// base URL. Each process logs in with its own database role: the owner migrates once, then each
// group gets a runtime login from `npm run db:roles`. Then P3 is killed mid-checkout and started
// again; then P2 becomes an api + worker pair.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST, modulesOf, type Layout } from '../src/platform/gateway/layouts.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { migratedByOwner, type OwnedDatabase } from './helpers/db-logins.ts';
import { startServer, type Server } from './helpers/process.ts';
import { eventually, strongPassword, uniqueEmail } from './helpers/app.ts';
import { httpCaller, stockedOverHttp } from './helpers/http-shop.ts';
import { address } from './helpers/shop.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.ts';
import { freePort, startGateway, type Gateway } from './helpers/nginx.ts';

const layout: Layout = {
  groups: [
    { name: 'p1', modules: ['user', 'product'] },
    { name: 'p2', modules: ['order', 'payment'] },
    { name: 'p3', modules: [REST] },
  ],
  fallback: 'p3',
};
const allModules = readdirSync(resolve(import.meta.dirname, '../src/modules'));
const modules = (name: string) =>
  modulesOf(
    layout,
    layout.groups.find((g) => g.name === name)!,
    allModules,
  ).join(',');

describe('three processes behind nginx', () => {
  let db: TestDatabase;
  let roles: OwnedDatabase;
  /** Each group's runtime login, and the demo seed's (a process hosting every module). */
  const logins: Record<string, string> = {};
  let smtp: TestSmtpServer;
  let gateway: Gateway;
  const ports: Record<string, number> = {};
  const running: Record<string, Server> = {};
  const call = httpCaller(() => gateway.url);
  let auth: Record<string, string>;
  let customer: { email: string; headers: Record<string, string> };
  let stocked: { variantId: string; optionId: string };

  const env = (group: string, extra: Record<string, string> = {}) => ({
    DATABASE_URL: logins[group],
    MODULES: modules(group),
    PORT: String(ports[group]),
    SEED_DEMO: 'false',
    BUS_POLL_SECONDS: '0.5',
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'Admin-password-1',
    SMTP_URL: smtp.url,
    TRUST_PROXY: '127.0.0.1',
    CACHE_PREFIX: `gw${process.pid}:`,
    ...(group === 'p1' ? {} : { AUTH_URL: `http://127.0.0.1:${ports.p1}` }),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...extra,
  });
  const start = async (group: string, extra?: Record<string, string>) =>
    (running[group] = await startServer(env(group, extra), 180_000)); // (a loaded CI machine boots slowly)

  const seedDemo = () =>
    new Promise<{ status: number | null; output: string }>((done) => {
      const child = spawn(process.execPath, ['src/platform/seed/demo-cli.ts'], {
        cwd: resolve(import.meta.dirname, '..'),
        env: {
          ...env('p3', { DATABASE_URL: logins.seed }),
          MODULES: 'all',
          SEED_DEMO: 'true',
          SEED_DEMO_PRODUCTS: '6',
          LOG_LEVEL: 'info',
          PORT: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.once('exit', (status) => done({ status, output }));
    });
  const checkout = (cartId: string, headers: Record<string, string>) =>
    call(
      'POST',
      `/store/carts/${cartId}/checkout`,
      {
        shippingAddress: address,
        shippingOptionId: stocked.optionId,
        paymentMethod: { provider: 'test', token: 'tok_success' },
      },
      { ...headers, 'idempotency-key': randomUUID() },
    );
  const cartWith = async (quantity: number) => {
    const cart = (await call('POST', '/store/carts', { currency: 'EUR' }, customer.headers)).body;
    await eventually(
      async () =>
        (
          await call(
            'POST',
            `/store/carts/${cart.id}/items`,
            { variantId: stocked.variantId, quantity },
            customer.headers,
          )
        ).status === 200,
      60_000,
      100,
    );
    return cart.id as string;
  };
  const settled = (orderId: string) =>
    eventually(
      async () => {
        const r = await call('GET', `/store/orders/${orderId}`, undefined, customer.headers);
        return r.body.status === 'confirmed' || r.body.status === 'canceled' ? r.body : undefined;
      },
      120_000,
      200,
    );
  const shipmentsOf = async (orderId: string) =>
    (await call('GET', `/admin/shipments?orderId=${orderId}`, undefined, auth)).body.items as unknown[];

  beforeAll(async () => {
    db = await createTestDatabase();
    // The migration Job, once, as the owning login; then a login per group, as an operator makes them.
    roles = await migratedByOwner(db);
    for (const g of layout.groups) logins[g.name] = await roles.login(g.name, modules(g.name));
    logins.seed = await roles.login('seeder', 'all');
    smtp = await startSmtpServer();
    for (const g of layout.groups) ports[g.name] = await freePort();
    // P1 first: it creates the owner and the signing key the others verify with.
    await start('p1');
    // P3 answers what no module claims, /docs among them: it documents the whole deployment.
    await Promise.all([start('p2'), start('p3', { DOCS_DOCUMENT: 'deploy/openapi.json' })]);
    // The demo shop, seeded once the groups run (as compose's `seed` service does); a second run does nothing.
    const seeded = await seedDemo();
    expect(seeded.status, seeded.output).toBe(0);
    const again = await seedDemo();
    expect(again.output).toContain('nothing to do');
    gateway = await startGateway(
      layout,
      Object.fromEntries(layout.groups.map((g) => [g.name, [`127.0.0.1:${ports[g.name]}`]])),
    );
  }, 480_000);
  afterAll(async () => {
    for (const s of Object.values(running)) await s.stop('SIGKILL');
    await gateway?.stop();
    await smtp?.close();
    await db?.drop();
    await roles?.dropRoles();
  });

  it('a purchase through one base URL: every module answers behind the gateway', async () => {
    // The demo shop is there, through the gateway: products (P1) and the promotion code (P3).
    const listed = await call('GET', '/store/products?limit=20');
    expect(listed.body.items.length).toBeGreaterThanOrEqual(6);
    const login = await call('POST', '/admin/auth/login', { email: 'admin@example.com', password: 'Admin-password-1' });
    expect(login.status).toBe(200);
    auth = { authorization: `Bearer ${login.body.accessToken}` };
    stocked = await stockedOverHttp(call, auth, { title: 'Gateway Mug', price: 1500, stock: 10, timeoutMs: 60_000 });

    const email = uniqueEmail('gateway');
    expect((await call('POST', '/store/auth/register', { email, password: strongPassword })).status).toBe(202);
    const token = (await call('POST', '/store/auth/login', { email, password: strongPassword })).body.accessToken;
    customer = { email, headers: { authorization: `Bearer ${token}` } };

    // Paths sharing /store across modules: order's shipping options, pricing's quotes, product's listing.
    const cartId = await cartWith(2);
    await call('PATCH', `/store/carts/${cartId}`, { countryCode: 'DE' }, customer.headers);
    // (order hears of shipping options through the bus, from P3)
    const options = await eventually(
      async () => {
        const r = await call('GET', `/store/shipping-options?cartId=${cartId}`, undefined, customer.headers);
        return r.status === 200 && r.body.items.length ? r.body.items : undefined;
      },
      60_000,
      200,
    );
    expect(options.map((o: { id: string }) => o.id)).toContain(stocked.optionId);
    const quote = await call('POST', '/store/price-quotes', {
      currency: 'EUR',
      lines: [{ variantId: stocked.variantId, quantity: 2 }],
    });
    expect(quote.status).toBe(200);
    expect((await call('GET', `/store/products/${stocked.variantId}`)).status).toBe(404); // (a variant is no product)

    // (on a loaded machine the saga may outlast the wait: a 202, and the order settles after)
    const placed = await checkout(cartId, { ...customer.headers, prefer: 'wait=20' });
    expect([200, 202]).toContain(placed.status);
    const orderId = placed.body.order.id;
    const order = await settled(orderId);
    expect(order.status).toBe('confirmed');
    await smtp.waitFor((m) => m.to.includes(email) && m.subject.includes(order.displayId), 60_000);
    await eventually(async () => ((await shipmentsOf(orderId)).length === 1 ? true : undefined), 60_000, 200);
    // Every process used its own login, none the owner's nor a superuser's (the seed's has hung up).
    const loginsInUse = () =>
      db.query(
        `select distinct usename from pg_stat_activity where datname = current_database()
           and backend_type = 'client backend' and pid <> pg_backend_pid() order by usename`,
      );
    const own = layout.groups.map((g) => `${roles.prefix}${g.name}`).sort();
    const same = async () => JSON.stringify((await loginsInUse()).map((r) => r.usename)) === JSON.stringify(own);
    await eventually(same, 15_000, 200).catch(() => undefined);
    expect((await loginsInUse()).map((r) => r.usename)).toEqual(own);

    // One OpenAPI document for the whole deployment, though each process knows only its own routes.
    const docs = (await (await fetch(`${gateway.url}/docs/json`)).json()) as { paths: object };
    for (const path of ['/admin/auth/login', '/store/carts/{id}/checkout', '/store/price-quotes', '/admin/shipments'])
      expect(Object.keys(docs.paths)).toContain(path);
    const ownDocs = (await (await fetch(`http://127.0.0.1:${ports.p2}/docs/json`)).json()) as { paths: object };
    expect(Object.keys(ownDocs.paths)).not.toContain('/admin/auth/login');
    const p3Docs = await (await fetch(`http://127.0.0.1:${ports.p3}/docs/json`)).json();
    expect(p3Docs).toEqual(docs);
    // Unknown paths are the fallback process's problem+json 404.
    const missing = await fetch(`${gateway.url}/store/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  }, 300_000);

  it('P3 killed mid-checkout and started again: the order is confirmed, one mail, one shipment', async () => {
    const cartId = await cartWith(1);
    // P3 frozen first: on a quiet machine the whole saga can finish before a kill sent after the
    // 202 lands, so the kill must find the saga waiting on P3.
    running.p3.child.kill('SIGSTOP');
    const placed = await checkout(cartId, customer.headers);
    expect(placed.status).toBe(202);
    const orderId = placed.body.order.id;
    // Pricing, inventory, shipping and notification die with P3 while the saga is under way.
    expect(await running.p3.stop('SIGKILL')).toBeNull();
    // (nginx answers for the dead upstream: a 502, not a hang)
    expect((await fetch(`${gateway.url}/store/shipping-rates`)).status).toBe(502);
    expect((await call('GET', `/store/orders/${orderId}`, undefined, customer.headers)).body.status).not.toBe(
      'confirmed',
    );

    await start('p3', { DOCS_DOCUMENT: 'deploy/openapi.json' });
    const order = await settled(orderId);
    expect(order.status).toBe('confirmed');
    const mail = await smtp.waitFor(
      (m) => m.to.includes(customer.email) && m.subject.includes(order.displayId),
      60_000,
    );
    await eventually(async () => ((await shipmentsOf(orderId)).length === 1 ? true : undefined), 60_000, 200);
    // Nothing arrives twice: let redeliveries (if any) run, then count again.
    await new Promise((r) => setTimeout(r, 2000));
    expect(smtp.messages.filter((m) => m.subject === mail.subject && m.to.includes(customer.email))).toHaveLength(1);
    expect(await shipmentsOf(orderId)).toHaveLength(1);
  }, 300_000);

  it('P2 as an api process and a worker process: the gateway reaches the api, the worker runs the saga', async () => {
    expect(await running.p2.stop('SIGTERM')).toBe(0);
    await start('p2', { ROLE: 'api' });
    const workerPort = await freePort();
    running.p2worker = await startServer({ ...env('p2'), ROLE: 'worker', PORT: String(workerPort) }, 180_000);
    expect((await fetch(`http://127.0.0.1:${workerPort}/store/carts`, { method: 'POST' })).status).toBe(404);

    const placed = await checkout(await cartWith(1), { ...customer.headers, prefer: 'wait=20' });
    expect([200, 202]).toContain(placed.status);
    expect((await settled(placed.body.order.id)).status).toBe('confirmed');
  }, 360_000);
});
