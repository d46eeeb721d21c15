import pg from 'pg';

/** The server tests run against; CI and this machine provide one at 127.0.0.1:5432. */
export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const urlFor = (db: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
};

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  query<R extends pg.QueryResultRow = any>(sql: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/** A fresh database per test file, so files run in parallel without seeing each other. */
export async function createTestDatabase(): Promise<TestDatabase> {
  // The creation time in the name lets a later run sweep up leftovers without touching live runs.
  const name = `tessera_t_${Math.floor(Date.now() / 1000)}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = urlFor(name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    name,
    url,
    query: async (sql, params) => (await pool.query(sql, params as any[])).rows,
    drop: async () => {
      await pool.end();
      await admin(async (c) => {
        // Let clients that are still hanging up go first; forcing them off makes them emit errors.
        for (let i = 0; i < 40; i++) {
          const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await c.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

/** Leftovers of interrupted runs: test databases over two hours old (a concurrent run's are younger). */
export async function dropStaleTestDatabases(): Promise<void> {
  const cutoff = Math.floor(Date.now() / 1000) - 2 * 3600;
  await admin(async (c) => {
    const { rows } = await c.query(`select datname from pg_database where datname like 'tessera\\_t\\_%'`);
    for (const r of rows) {
      const created = Number(/^tessera_t_(\d+)_/.exec(r.datname)?.[1] ?? 0);
      if (created < cutoff) await c.query(`drop database if exists ${r.datname} with (force)`);
    }
  });
}
