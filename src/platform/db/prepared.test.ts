import { describe, expect, it } from 'vitest';
import { createOrm } from './orm.ts';
import { StatementNames } from './prepared.ts';
import { query } from './sql.ts';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('statement names', () => {
  it('one name per text, the same every time, and none past the bound', () => {
    const names = new StatementNames('s', 2);
    expect(names.of('select $1')).toBe('s1');
    expect(names.of('select $1::int')).toBe('s2');
    expect(names.of('select $1')).toBe('s1');
    expect(names.of('select $1::text')).toBeUndefined();
  });
});

describe('the preparing pool', () => {
  it('prepares parameterised statements once per connection, and keeps transactions whole', async () => {
    const orm = await createOrm(url, [], { max: 1 });
    try {
      const em = orm.em.fork();
      for (let i = 0; i < 3; i++) expect(await query(em, 'select $1::int + 1 as n', [i])).toEqual([{ n: i + 1 }]);
      const prepared = await query<{ statement: string }>(
        em,
        'select statement from pg_prepared_statements where statement like $1',
        ['select $1::int + 1%'],
      );
      expect(prepared).toHaveLength(1);

      // what a rolled-back transaction wrote is gone; concurrent statements of one transaction all land
      await query(em, 'create temporary table t (n int primary key)');
      await expect(
        em.transactional(async (tx) => {
          await query(tx, 'insert into t values ($1)', [1]);
          await query(tx, 'insert into t values ($1)', [1]); // (a duplicate: fails the transaction)
        }),
      ).rejects.toThrow(/duplicate key/);
      await em.transactional(async (tx) => {
        await Promise.all([2, 3, 4].map((n) => query(tx, 'insert into t values ($1)', [n])));
      });
      expect(await query(em, 'select n from t order by n')).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
      // (the connection is still usable after all that: a statement outside any transaction)
      expect(await query(em, 'select $1::text as s', ['ok'])).toEqual([{ s: 'ok' }]);
    } finally {
      await orm.close();
    }
  });
});

describe('the deferred BEGIN', () => {
  it('opens the transaction with its first statement, keeps its settings, and sends nothing for an empty one', async () => {
    const orm = await createOrm(url, [], { max: 1 });
    try {
      const em = orm.em.fork();
      await query(em, 'create temporary table d (n int primary key)');
      // a parameterless first statement travels with the BEGIN: rolled back with the rest
      await expect(
        em.transactional(async (tx) => {
          await query(tx, 'insert into d values (1)');
          await query(tx, 'insert into d values ($1)', [1]);
        }),
      ).rejects.toThrow(/duplicate key/);
      // a parameterised one goes right behind it, queued with any concurrent statement
      await em.transactional(async (tx) => {
        await Promise.all([5, 6].map((n) => query(tx, 'insert into d values ($1)', [n])));
        await query(tx, 'insert into d values (7)');
      });
      await em.transactional(async () => undefined); // (empty: nothing to send, nothing to fail)
      await expect(em.transactional(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
      expect(await query(em, 'select n from d order by n')).toEqual([{ n: 5 }, { n: 6 }, { n: 7 }]);
      const level = await em.transactional(
        async (tx) => query<{ l: string }>(tx, "select current_setting('transaction_isolation') as l"),
        { isolationLevel: 'serializable' },
      );
      expect(level).toEqual([{ l: 'serializable' }]);
      const txid = await em.transactional(async (tx) => {
        const [a] = await query<{ x: string }>(tx, 'select txid_current()::text as x');
        const [b] = await query<{ x: string }>(tx, 'select txid_current()::text as x, $1::int as n', [1]);
        return a.x === b.x;
      });
      expect(txid).toBe(true);
    } finally {
      await orm.close();
    }
  });
});
