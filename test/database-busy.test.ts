// A request that finds the database busy (no free connection within DB_POOL_WAIT_MS) is told to
// retry: a 503 problem with Retry-After, having written nothing; it neither hangs nor is a 500.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, startTestApp, type TestApp } from './helpers/app.ts';

let app: TestApp;
beforeAll(async () => {
  // (routes only: no bus consumer shares the pool's one connection with the requests)
  app = await startTestApp({ ROLE: 'api', DB_POOL_MAX: 1, DB_POOL_WAIT_MS: 1_000 });
});
afterAll(() => app?.stop());

it('answers 503 with Retry-After while the only connection is taken, and serves again after', async () => {
  const newCart = () => app.request('POST', '/store/carts', { body: { currency: 'EUR' } });
  const locker = new pg.Client({ connectionString: app.db.url });
  await locker.connect();
  const carts = async () => Number((await locker.query('select count(*) as n from "order".carts')).rows[0].n);
  let first: ReturnType<typeof newCart> | undefined;
  try {
    await locker.query('begin');
    await locker.query('lock table "order".carts in access exclusive mode');
    // the first request takes the pool's one connection and waits there for the lock
    first = newCart();
    await eventually(async () => {
      const { rows } = await locker.query(
        `select 1 from pg_stat_activity where datname = current_database() and wait_event = 'relation' and query ilike '%carts%'`,
      );
      return rows.length > 0 || undefined;
    });
    const refused = await newCart();
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
    await locker.query('commit');
    expect((await first).statusCode).toBe(201);
    expect(await carts()).toBe(1); // (the refused request wrote nothing)
    expect((await newCart()).statusCode).toBe(201);
    expect(await carts()).toBe(2);
  } finally {
    await locker.query('rollback').catch(() => undefined);
    await first?.catch(() => undefined);
    await locker.end();
  }
});
