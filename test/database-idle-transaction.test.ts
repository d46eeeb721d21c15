// A transaction left open by a hung await (an outside call inside it that never answers) is ended
// by Postgres after DB_IDLE_TRANSACTION_MS, so its row locks do not stop every other writer; the
// lost session's connection goes back to the pool (db/prepared.ts: its rollback is a no-op).
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { query } from '../src/platform/db/index.ts';
import { startTestApp, type TestApp } from './helpers/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ ROLE: 'api', DB_IDLE_TRANSACTION_MS: 1_000 });
});
afterAll(() => app?.stop());

it('ends a transaction left idle, releasing its locks; the pool serves on', async () => {
  const cart = (await app.request('POST', '/store/carts', { body: { currency: 'EUR' } })).json();
  const other = new pg.Client({ connectionString: app.db.url });
  await other.connect();
  let hungAwaitOver = false;
  try {
    const holder = app.platform.orm.em.fork().transactional(async (em) => {
      await query(em, `select id from "order".carts where id = $1 for update`, [cart.id]);
      await sleep(5_000); // (the hung await)
      hungAwaitOver = true;
      await query(em, `update "order".carts set email = 'holder@example.com' where id = $1`, [cart.id]);
    });
    const settled = holder.then(
      () => 'committed',
      () => 'failed',
    );
    await sleep(200); // (the holder has its lock)
    // another writer of the same row gets it once Postgres ended the idle transaction, not after the await
    await other.query(`update "order".carts set email = 'other@example.com' where id = $1`, [cart.id]);
    expect(hungAwaitOver).toBe(false);
    expect(await settled).toBe('failed');
    const { rows } = await other.query(`select email from "order".carts where id = $1`, [cart.id]);
    expect(rows[0].email).toBe('other@example.com');
    // the lost session's connection went back to the pool (none left checked out), and it serves on
    const metrics = (await app.request('GET', '/metrics')).body;
    expect(metrics).toMatch(/^tessera_db_pool_connections\{state="busy"\} 0$/m);
    expect((await app.request('POST', '/store/carts', { body: { currency: 'EUR' } })).statusCode).toBe(201);
  } finally {
    await other.end();
  }
}, 30_000);
