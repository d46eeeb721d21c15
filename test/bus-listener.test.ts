import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { BusDatabase } from '../src/platform/bus/bus-database.ts';
import { eventually } from './helpers/app.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

/**
 * The bus's LISTEN connection (pg-boss's wake-up and the interest changes, docs/adr/0139): it comes
 * back after the server drops it, and once closed it leaves no connection behind, even when it is
 * closed while a reconnect is pending.
 */
/** A logger that keeps the messages of its warnings in `into`. */
const collecting = (into: string[]) =>
  pino({ level: 'warn' }, { write: (line: string) => void into.push(JSON.parse(line).msg) });

describe('bus listener', () => {
  let db: TestDatabase;
  let bus: BusDatabase;
  const listeners = async () =>
    (
      await db.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'tessera-bus-listen'`,
      )
    )[0].n;
  const dropListeners = () =>
    db.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'tessera-bus-listen'`,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = new BusDatabase({ connectionString: db.url, max: 1, log: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await bus?.close();
    await db?.drop();
  });

  it('hears a notification, comes back after the server drops it, and hears the next', async () => {
    const heard: string[] = [];
    let subscribes = 0;
    const handle = await bus.listen(
      'listener_test',
      (p) => heard.push(p),
      () => subscribes++,
    );
    expect(subscribes).toBe(1);
    await db.query(`select pg_notify('listener_test', 'one')`);
    await eventually(async () => heard.includes('one'));

    await dropListeners();
    await eventually(async () => subscribes === 2);
    await db.query(`select pg_notify('listener_test', 'two')`);
    await eventually(async () => heard.includes('two'));
    expect(await listeners()).toBe(1);

    await handle.close();
    await eventually(async () => (await listeners()) === 0);
  });

  it('closed while a reconnect is pending, it makes no connection afterwards', async () => {
    const logged: string[] = [];
    const watched = new BusDatabase({ connectionString: db.url, max: 1, log: collecting(logged) });
    let subscribes = 0;
    const handle = await watched.listen(
      'listener_test',
      () => undefined,
      () => subscribes++,
    );
    await dropListeners();
    await eventually(async () => logged.includes('bus listener disconnected; reconnecting'));
    await handle.close(); // (the reconnect waits 250 ms)
    await new Promise((r) => setTimeout(r, 800));
    expect(await listeners()).toBe(0);
    expect(subscribes).toBe(1);
    await watched.close();
  });

  it('a first connect that fails rejects and retries nothing', async () => {
    const url = new URL(db.url);
    url.pathname = '/tessera_no_such_database';
    const logged: string[] = [];
    const lost = new BusDatabase({ connectionString: url.toString(), max: 1, log: collecting(logged) });
    let subscribes = 0;
    await expect(
      lost.listen(
        'listener_test',
        () => undefined,
        () => subscribes++,
      ),
    ).rejects.toThrow(/does not exist/);
    await new Promise((r) => setTimeout(r, 800));
    expect(subscribes).toBe(0);
    expect(logged).toEqual([]); // (no reconnect attempts behind the caller's back)
    await lost.close();
  });
});
