import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { createOrm, type Orm } from './orm.ts';
import { migrateModules } from './migrate.ts';

const migration = (name: string, sql: string) =>
  `import { Migration } from '@mikro-orm/migrations';
export class ${name} extends Migration {
  override async up(): Promise<void> {
    this.addSql(${JSON.stringify(sql)});
  }
}
`;

let db: TestDatabase;
let orm: Orm;
// Inside the repository (its .data/, ignored by git), where a migration's imports resolve.
const scratch = resolve(import.meta.dirname, '../../../.data');
mkdirSync(scratch, { recursive: true });
const dir = mkdtempSync(join(scratch, 'migrations-'));
const source = [{ schema: 'alpha', dir }];
const tables = async () =>
  (await db.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = 'alpha'`))
    .map((r) => r.t)
    .sort();

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm(db.url, [], { max: 2 });
  writeFileSync(
    join(dir, 'Migration1_things.ts'),
    migration('Migration1_things', 'create table alpha.things (id int)'),
  );
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('module migrations', () => {
  it('a first boot creates the schema, its inbox and runs its migrations; two processes at once run them once', async () => {
    const other = await createOrm(db.url, [], { max: 2 });
    try {
      await Promise.all([migrateModules(orm, db.url, source), migrateModules(other, db.url, source)]);
    } finally {
      await other.close();
    }
    expect(await tables()).toEqual(['inbox', 'mikro_orm_migrations', 'things']);
    expect(await db.query('select name from alpha.mikro_orm_migrations')).toEqual([{ name: 'Migration1_things' }]);
  });

  it('a current schema is one query: it does not wait for the migration lock another process holds', async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock(7373731)');
      const settled = await Promise.race([
        migrateModules(orm, db.url, source).then(() => 'done'),
        new Promise((r) => setTimeout(() => r('waited for the lock'), 5000)),
      ]);
      expect(settled).toBe('done');
    } finally {
      await holder.end();
    }
  });

  it('a new migration file runs on the next boot', async () => {
    writeFileSync(
      join(dir, 'Migration2_more_things.ts'),
      migration('Migration2_more_things', 'create table alpha.more_things (id int)'),
    );
    const logged: string[] = [];
    await migrateModules(orm, db.url, source, (m) => logged.push(m));
    expect(await tables()).toEqual(['inbox', 'mikro_orm_migrations', 'more_things', 'things']);
    expect(logged).toEqual(['migrated alpha: Migration2_more_things']);
  });

  it('a lost inbox is created again', async () => {
    await db.query('drop table alpha.inbox');
    await migrateModules(orm, db.url, source);
    expect(await tables()).toContain('inbox');
  });
});
