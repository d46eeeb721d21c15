import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import type { Orm } from './orm.ts';

const root = resolve(import.meta.dirname, '../../../migrations');

/** Platform-wide tables (not a module's): the token signing keys. */
const platformSchemaDdl = [
  'create schema if not exists platform',
  `create table if not exists platform.signing_key (
     kid text primary key,
     private_jwk jsonb not null,
     public_jwk jsonb not null,
     created_at timestamptz not null default now(),
     retired_at timestamptz)`,
];

/** The platform's own tables inside every module schema: the inbox of handled event ids. */
const platformDdl = (schema: string) => [
  `create schema if not exists "${schema}"`,
  `create table if not exists "${schema}".inbox (
     event_id uuid not null,
     queue text not null,
     handled_at timestamptz not null default now(),
     primary key (event_id, queue))`,
];

/**
 * Runs each module's own migration history (migrations/<module>/, tracked in a table inside the
 * module's schema), in the order given. Safe to run from several processes at once: an advisory
 * lock serialises them.
 */
export interface MigrationSource {
  /** The module's schema (its name). */
  schema: string;
  /** Folder of its migrations; default migrations/<schema>. */
  dir?: string;
}

export async function migrateModules(
  orm: Orm,
  url: string,
  modules: MigrationSource[],
  log?: (msg: string) => void,
): Promise<void> {
  // A session-level lock needs one pinned connection, not the pool.
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  await lock.query('select pg_advisory_lock(7373731)');
  try {
    for (const sql of platformSchemaDdl) await lock.query(sql);
    for (const { schema, dir } of modules) {
      for (const sql of platformDdl(schema)) await lock.query(sql);
      const path = dir ?? resolve(root, schema);
      if (!existsSync(path)) continue;
      // The migrator reads its options when built, so each module gets its own, pointed at its folder.
      orm.config.set('migrations', {
        path,
        pathTs: path,
        glob: '!(*.d).ts',
        schema,
        tableName: 'mikro_orm_migrations',
        snapshot: false,
        snapshotOnMigrate: false,
        silent: true,
        transactional: true,
        allOrNothing: true,
      });
      const done = await new Migrator(orm.em.fork()).up();
      if (done.length) log?.(`migrated ${schema}: ${done.map((m) => m.name).join(', ')}`);
    }
  } finally {
    await lock.end(); // ending the session releases the lock
  }
}
