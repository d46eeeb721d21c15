import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { cacheStatements } from './statement-cache.ts';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('statement cache', () => {
  let client: pg.Client;
  const prepared = async () =>
    (await client.query('select statement from pg_prepared_statements order by statement')).rows.map((r) => String(r.statement).trim());

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
