// A request that finds the database busy (no free connection within DB_POOL_WAIT_MS) is told to
// retry: a 503 problem with Retry-After, having written nothing; it neither hangs nor is a 500.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { noConnection, query } from '../src/platform/db/index.ts';
import { startTestApp, type TestApp } from './helpers/app.ts';

let app: TestApp;
beforeAll(async () => {
  // (routes only: no bus consumer shares the pool's one connection with the requests)
  app = await startTestApp({ ROLE: 'api', DB_POOL_MAX: 1, DB_POOL_WAIT_MS: 1_000 });
});
afterAll(() => app?.stop());

/** Holds the pool's one connection in a transaction until `release` (taken again if a background read had it). */
async function holdTheConnection() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let taken!: () => void;
  const held = new Promise<void>((r) => (taken = r));
  const holder = (async () => {
    for (;;) {
      try {
        return await app.platform.orm.em.fork().transactional(async (em) => {
          await query(em, 'select 1');
          taken();
          await released;
        });
      } catch (err) {
        if (!noConnection(err)) throw err;
      }
    }
  })();
  await Promise.race([held, holder]);
  return { release: () => (release(), holder) };
}

it('answers 503 with Retry-After while the only connection is taken, and serves again after', async () => {
  const newCart = () => app.request('POST', '/store/carts', { body: { currency: 'EUR' } });
  const reader = new pg.Client({ connectionString: app.db.url });
  await reader.connect();
  const carts = async () => Number((await reader.query('select count(*) as n from "order".carts')).rows[0].n);
  try {
    const held = await holdTheConnection();
    const refused = await newCart();
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
    await held.release();
    expect(await carts()).toBe(0); // (the refused request wrote nothing)
    expect((await newCart()).statusCode).toBe(201);
    expect(await carts()).toBe(1);
  } finally {
    await reader.end();
  }
});
