// A session the server ends inside a transaction, by the idle-transaction timeout (a hung await:
// an outside call inside it that never answers) or by a kill mid-statement (a restart), costs the
// pool nothing: its connection goes back (db/prepared.ts: the rollback is a no-op on a lost
// session) and the failure reads as a busy database (a 503 to retry). The idle timeout also frees
// the row locks the transaction held, so other writers are not stopped behind a hung await.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isTransientDatabaseError, query } from '../src/platform/db/index.ts';
import { startTestApp, type TestApp } from './helpers/app.ts';

let app: TestApp;
let other: pg.Client;
beforeAll(async () => {
  app = await startTestApp({ ROLE: 'api', DB_IDLE_TRANSACTION_MS: 2_000 });
  other = new pg.Client({ connectionString: app.db.url });
  await other.connect();
});
afterAll(async () => {
  await other?.end();
  await app?.stop();
});

const newCart = async () => (await app.request('POST', '/store/carts', { body: { currency: 'EUR' } })).json();
/** How a transaction ended: committed, or the error it failed with. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'committed' as const,
    (err: unknown) => err,
  );
/** No connection left checked out, and the app still serves. */
async function poolWhole() {
  const metrics = (await app.request('GET', '/metrics')).body;
  expect(metrics).toMatch(/^tessera_db_pool_connections\{state="busy"\} 0$/m);
  expect((await app.request('POST', '/store/carts', { body: { currency: 'EUR' } })).statusCode).toBe(201);
}

it('ends a transaction left idle, releasing its locks, and gets its connection back', async () => {
  const cart = await newCart();
  let hungAwaitOver = false;
  const holder = outcome(
    app.platform.orm.em.fork().transactional(async (em) => {
      await query(em, `select id from "order".carts where id = $1 for update`, [cart.id]);
      await sleep(8_000); // (the hung await)
      hungAwaitOver = true;
      await query(em, `update "order".carts set email = 'holder@example.com' where id = $1`, [cart.id]);
    }),
  );
  await sleep(300); // (the holder has its lock)
  // another writer of the same row gets it once Postgres ended the idle transaction, not after the await
  await other.query(`update "order".carts set email = 'other@example.com' where id = $1`, [cart.id]);
  expect(hungAwaitOver).toBe(false);
  const failed = await holder;
  expect(failed).not.toBe('committed');
  expect(isTransientDatabaseError(failed)).toBe(true);
  const { rows } = await other.query(`select email from "order".carts where id = $1`, [cart.id]);
  expect(rows[0].email).toBe('other@example.com');
  await poolWhole();
}, 30_000);

it('gets the connection back when the session is killed mid-statement', async () => {
  const holder = outcome(
    app.platform.orm.em.fork().transactional(async (em) => {
      await query(em, `select pg_sleep(10)`);
    }),
  );
  let killed = 0;
  for (let i = 0; i < 100 && !killed; i++) {
    await sleep(50);
    const { rows } = await other.query(
      `select pg_terminate_backend(pid) as done from pg_stat_activity
        where datname = current_database() and query like '%select pg_sleep(10)' and state = 'active'
          and pid <> pg_backend_pid()`,
    );
    killed = rows.filter((r) => r.done).length;
  }
  expect(killed).toBe(1);
  const failed = await holder;
  expect(failed).not.toBe('committed');
  expect(isTransientDatabaseError(failed)).toBe(true); // (57P01: terminating connection)
  await poolWhole();
}, 30_000);
