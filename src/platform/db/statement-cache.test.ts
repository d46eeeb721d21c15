import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { behind } from './pipeline.ts';
import { cacheStatements } from './statement-cache.ts';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('statement cache', () => {
  let client: pg.Client;
  const prepared = async () =>
    (await client.query('select statement from pg_prepared_statements order by statement')).rows.map((r) =>
      String(r.statement).trim(),
    );

  beforeAll(async () => {
    client = new pg.Client({ connectionString: url });
    await client.connect();
    cacheStatements(client as never, { parameterless: true });
  });
  afterAll(() => client?.end());

  it('prepares a statement with parameters once per connection and reuses it', async () => {
    for (let i = 0; i < 3; i++) expect((await client.query('select $1::int + 1 as n', [i])).rows[0].n).toBe(i + 1);
    expect((await prepared()).filter((s) => s === 'select $1::int + 1 as n')).toHaveLength(1);
  });

  it('prepares a single parameterless statement, never a script', async () => {
    await client.query('select 42 as answer');
    const script = await client.query('select 1 as a; select 2 as b');
    expect(Array.isArray(script)).toBe(true); // a script ran as a script (two results)
    const all = await prepared();
    expect(all).toContain('select 42 as answer');
    expect(all.some((s) => s.includes('select 2 as b'))).toBe(false);
  });

  it('passes errors through, and a table changed under a prepared `select *` is run unnamed from then on', async () => {
    await expect(client.query('select $1::int / 0', [1])).rejects.toThrow(/division by zero/);
    await client.query('create temp table cache_probe (a int)');
    await client.query('insert into cache_probe values ($1)', [1]);
    const read = () => client.query('select * from cache_probe where a = $1', [1]);
    expect((await read()).rows).toEqual([{ a: 1 }]);
    await client.query('alter table cache_probe add column b int');
    await expect(read()).rejects.toThrow(/cached plan must not change result type/);
    expect((await read()).rows).toEqual([{ a: 1, b: null }]);
  });
});

describe('pipelining: a BEGIN and writes marked behind() go with the next statement', () => {
  let client: pg.Client;
  let other: pg.Client;
  let syncs = 0;
  const inTx = async () =>
    (
      await other.query('select count(*)::int as n from pg_stat_activity where pid = $1 and state like $2', [
        (client as any).processID,
        'idle in transaction%',
      ])
    ).rows[0].n === 1;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: url });
    other = new pg.Client({ connectionString: url });
    await Promise.all([client.connect(), other.connect()]);
    cacheStatements(client as never, { parameterless: false, pipeline: true });
    const connection = (client as any).connection;
    const sync = connection.sync.bind(connection);
    const query = connection.query.bind(connection);
    connection.sync = () => {
      syncs++;
      sync();
    };
    connection.query = (text: string) => {
      syncs++;
      query(text);
    }; // a simple query is a round trip too
    await client.query('create table if not exists lazy_begin_probe (id int primary key)');
    await client.query('truncate lazy_begin_probe');
    // A BEGIN text's first run on a connection goes alone and prepares it; later ones are held.
    for (const begin of [
      'begin',
      'start transaction isolation level serializable',
      'start transaction isolation level repeatable read',
    ]) {
      syncs = 0;
      await client.query(begin);
      expect(syncs).toBe(1);
      await client.query('rollback');
    }
  });
  afterAll(async () => {
    await other?.query('drop table if exists lazy_begin_probe');
    await Promise.all([client?.end(), other?.end()]);
  });

  it('runs BEGIN and the first statement in one round trip, and the transaction is real', async () => {
    syncs = 0;
    await client.query('begin');
    expect(syncs).toBe(0);
    expect(await inTx()).toBe(false); // nothing sent yet
    await client.query('insert into lazy_begin_probe values ($1)', [1]);
    expect(syncs).toBe(1);
    expect(await inTx()).toBe(true);
    expect((await other.query('select count(*)::int as n from lazy_begin_probe')).rows[0].n).toBe(0); // not committed
    await client.query('rollback');
    expect((await other.query('select count(*)::int as n from lazy_begin_probe')).rows[0].n).toBe(0);
    await client.query('begin');
    const r = await client.query('insert into lazy_begin_probe values ($1), ($2) returning id', [2, 3]);
    expect(r.rows.map((x: any) => x.id)).toEqual([2, 3]);
    expect(r.command).toBe('INSERT');
    expect(r.rowCount).toBe(2);
    await client.query('commit');
    expect((await other.query('select count(*)::int as n from lazy_begin_probe')).rows[0].n).toBe(2);
  });

  it('sends nothing for a transaction that ran nothing', async () => {
    syncs = 0;
    await client.query('begin');
    await client.query('commit');
    await client.query('start transaction isolation level serializable');
    await client.query('rollback');
    expect(syncs).toBe(0);
    expect(await inTx()).toBe(false);
  });

  it('a failing first statement leaves the transaction open and aborted, as it would be', async () => {
    await client.query('begin');
    await expect(client.query('insert into lazy_begin_probe values ($1)', [2])).rejects.toThrow(/duplicate key/);
    await expect(client.query('select 1')).rejects.toThrow(/current transaction is aborted/);
    await client.query('rollback');
    expect((await client.query('select $1::int as n', [5])).rows[0].n).toBe(5);
    expect(await inTx()).toBe(false);
  });

  it('keeps the isolation level asked for, and a script or a savepoint first still runs inside the transaction', async () => {
    await client.query('start transaction isolation level repeatable read');
    expect((await client.query('select current_setting($1) as l', ['transaction_isolation'])).rows[0].l).toBe(
      'repeatable read',
    );
    await client.query('commit');
    await client.query('begin');
    await client.query('insert into lazy_begin_probe values (10); insert into lazy_begin_probe values (11)');
    expect(await inTx()).toBe(true);
    await client.query('rollback');
    await client.query('begin');
    await client.query('savepoint a');
    await client.query('insert into lazy_begin_probe values ($1)', [12]);
    await client.query('rollback to savepoint a');
    await client.query('commit');
    expect((await other.query('select count(*)::int as n from lazy_begin_probe where id >= 10')).rows[0].n).toBe(0);
  });

  it('holds a write marked behind() until the next statement, in order, and fails the COMMIT when it fails', async () => {
    await client.query('truncate lazy_begin_probe');
    const write = behind('insert into lazy_begin_probe values ($1)');
    await client.query('begin');
    await client.query(write, [20]); // the first run on this connection prepares it: sent with the BEGIN
    syncs = 0;
    await client.query(write, [21]);
    await client.query(write, [22]);
    expect(syncs).toBe(0); // held
    expect((await client.query('select array_agg(id order by id) as ids from lazy_begin_probe')).rows[0].ids).toEqual([
      20, 21, 22,
    ]);
    expect(syncs).toBe(1); // both writes went with the read
    await client.query(write, [23]);
    await client.query('commit');
    expect(syncs).toBe(2);
    expect((await other.query('select count(*)::int as n from lazy_begin_probe')).rows[0].n).toBe(4);

    // A held write that fails: the COMMIT carries its error and nothing of the transaction stays.
    await client.query('begin');
    await client.query(write, [30]);
    await client.query(write, [20]); // duplicate key, not known yet
    await expect(client.query('commit')).rejects.toThrow(/duplicate key/);
    expect(await inTx()).toBe(false); // not left open and aborted on the connection
    expect((await other.query('select count(*)::int as n from lazy_begin_probe where id = 30')).rows[0].n).toBe(0);

    // A rollback drops what is held (it would be undone anyway); outside a transaction nothing is held.
    syncs = 0;
    await client.query('begin');
    await client.query(write, [31]);
    await client.query('rollback');
    expect(syncs).toBe(0); // the BEGIN and the write were both held: nothing was sent
    await client.query(write, [32]);
    expect(
      (await other.query('select array_agg(id order by id) as ids from lazy_begin_probe where id > 30')).rows[0].ids,
    ).toEqual([32]);
    expect(await inTx()).toBe(false);
  });

  it('a failed first statement does not leave its name marked as prepared', async () => {
    await client.query('drop table if exists lazy_begin_later');
    const read = 'select count(*)::int as n from lazy_begin_later where $1::int > 0';
    await client.query('begin');
    await expect(client.query(read, [1])).rejects.toThrow(/does not exist/);
    await client.query('rollback');
    await client.query('create table lazy_begin_later (id int)');
    await client.query('begin');
    expect((await client.query(read, [1])).rows[0].n).toBe(0);
    await client.query('commit');
    await client.query('drop table lazy_begin_later');
  });

  it('rolling back to a savepoint drops the writes held since, and a COMMIT of an aborted transaction fails', async () => {
    await client.query('truncate lazy_begin_probe');
    const write = behind('insert into lazy_begin_probe values ($1)');
    await client.query('begin');
    await client.query(write, [40]);
    await client.query('savepoint a');
    await client.query(write, [40]); // would fail: duplicate
    await client.query('rollback to savepoint a');
    await client.query('commit');
    expect((await other.query('select array_agg(id) as ids from lazy_begin_probe')).rows[0].ids).toEqual([40]);

    await client.query('begin');
    await client.query(write, [41]);
    await client.query('insert into lazy_begin_probe values ($1)', [40]).catch(() => {}); // a failure the caller ignored
    await expect(client.query('commit')).rejects.toThrow(/aborted/);
    expect((await other.query('select count(*)::int as n from lazy_begin_probe where id = 41')).rows[0].n).toBe(0);
    expect(await inTx()).toBe(false);
  });

  it('a value that cannot be sent is not held: the write fails where it is made, and the connection lives on', async () => {
    const write = behind('insert into lazy_begin_probe values ($1::jsonb::int)');
    await client.query('begin');
    await client.query(write, [50]);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(client.query(write, [circular])).rejects.toThrow();
    await client.query('rollback');
    expect((await client.query('select $1::int as n', [7])).rows[0].n).toBe(7);
  });
});
