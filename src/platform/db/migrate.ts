import { existsSync, readdirSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import pg from 'pg';
import type { Orm } from './orm.ts';
import { query } from './sql.ts';
import { moduleRoleStatements, sharedRoleStatements, type RoleNames } from './roles.ts';

const root = resolve(import.meta.dirname, '../../../migrations');
const tableName = 'mikro_orm_migrations';
/** Migrations are `.ts` beside the sources, `.js` in the JavaScript copy (build/): this file's own extension. */
const migrationExt = extname(import.meta.filename);

/**
 * Platform-wide tables (not a module's): the public halves of the token signing keys, which every
 * process verifies with. The private halves live in user.signing_key (the user module's migration
 * moved them out of here), so only the process hosting `user` can sign. The demo seed's progress
 * (seed/seed-state.ts), the queues each running process works (bus/heartbeat.ts, for /ready), and
 * which conditional queues get events (bus/interest.ts).
 * The newest table is the one a boot looks for: a database without it gets this list again.
 */
const newestPlatformTable = 'platform.bus_interest';
const platformSchemaDdl = [
  'create schema if not exists platform',
  `create table if not exists platform.signing_key (
     kid text primary key,
     public_jwk jsonb not null,
     created_at timestamptz not null default now(),
     retired_at timestamptz)`,
  `create table if not exists platform.demo_seed (
     seed integer primary key,
     products integer not null,
     batches jsonb not null default '{}',
     started_at timestamptz not null default now(),
     completed_at timestamptz)`,
  `create table if not exists platform.worker_heartbeat (
     process_id uuid primary key,
     modules text[] not null,
     queues text[] not null,
     seen_at timestamptz not null default now())`,
  // whether a consumer's conditional queue gets events (bus/interest.ts)
  `create table if not exists platform.bus_interest (
     queue text primary key,
     interested boolean not null default true)`,
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

/** A module's migration names as MikroORM records them (file names without their extension). */
function migrationNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(migrationExt) && !f.endsWith(`.d${migrationExt}`))
    .map((f) => f.slice(0, -migrationExt.length));
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The modules whose schema is not current: no inbox, or a migration file not yet recorded as run.
 * One statement for all of them; a schema or table that does not exist yet fails it, and then
 * every module counts as behind (the migrator sorts out which really are).
 */
export async function modulesBehind(
  orm: Orm,
  modules: (MigrationSource & { names: string[] })[],
): Promise<MigrationSource[]> {
  const columns = modules.map(({ schema, names }, i) => {
    const inbox = `to_regclass(${literal(`${ident(schema)}.inbox`)}) is not null`;
    const done = names.length
      ? `(select coalesce(json_agg(name), '[]') from ${ident(schema)}.${tableName})`
      : `'[]'::json`;
    return `json_build_object('inbox', ${inbox}, 'done', ${done}) as m${i}`;
  });
  type Row = Record<string, { inbox: boolean; done: string[] } | boolean>;
  let row: Row;
  try {
    [row] = await query<Row>(
      orm.em.fork(),
      `select to_regclass('${newestPlatformTable}') is not null as platform${columns.map((c) => `, ${c}`).join('')}`,
    );
  } catch (err) {
    // undefined_table, invalid_schema_name: a first boot, or a module hosted for the first time
    if (['42P01', '3F000'].includes((err as { code?: string }).code ?? '')) return modules;
    throw err;
  }
  if (!row.platform) return modules;
  return modules.filter(({ names }, i) => {
    const state = row[`m${i}`] as { inbox: boolean; done: string[] };
    const done = new Set(state.done);
    return !state.inbox || names.some((n) => !done.has(n));
  });
}

/** The modules' sources with their migration names (what `modulesBehind` compares with). */
export const migrationSources = (modules: MigrationSource[]) =>
  modules.map((m) => {
    const dir = m.dir ?? resolve(root, m.schema);
    return { ...m, dir, names: migrationNames(dir) };
  });

/**
 * `roles`: also create the module roles and grant them their schemas (roles.ts), under the same
 * lock, every time (idempotent; only the migration step, run with the owning role, passes it).
 */
export async function migrateModules(
  orm: Orm,
  url: string,
  modules: MigrationSource[],
  log?: (msg: string) => void,
  opts: { roles?: RoleNames } = {},
): Promise<void> {
  const sources = migrationSources(modules);
  // A current database (every boot but the first after a release) costs this one query.
  const outdated = new Set((await modulesBehind(orm, sources)).map((m) => m.schema));
  if (outdated.size === 0 && !opts.roles) return;
  const { Migrator } = await import('@mikro-orm/migrations');
  // A session-level lock needs one pinned connection, not the pool.
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  await lock.query('select pg_advisory_lock(7373731)');
  try {
    for (const sql of platformSchemaDdl) await lock.query(sql);
    for (const { schema, dir, names } of sources) {
      if (!outdated.has(schema)) continue;
      for (const sql of platformDdl(schema)) await lock.query(sql);
      if (names.length === 0) continue;
      // The migrator reads its options when built, so each module gets its own, pointed at its folder.
      orm.config.set('migrations', {
        path: dir,
        pathTs: dir,
        glob: `!(*.d)${migrationExt}`,
        schema,
        tableName,
        snapshot: false,
        snapshotOnMigrate: false,
        silent: true,
        transactional: true,
        allOrNothing: true,
      });
      // (under the lock, the migrator reads the executed list again: another process may have run them)
      const done = await new Migrator(orm.em.fork()).up();
      if (done.length) log?.(`migrated ${schema}: ${done.map((m) => m.name).join(', ')}`);
    }
    if (opts.roles) {
      for (const sql of sharedRoleStatements(opts.roles)) await lock.query(sql);
      for (const { schema, names } of sources)
        for (const sql of moduleRoleStatements(opts.roles, schema, names.length > 0)) await lock.query(sql);
      log?.(`granted ${sources.map((s) => opts.roles!.module(s.schema)).join(', ')} their schemas`);
    }
  } finally {
    await lock.end(); // ending the session releases the lock
  }
}
