import pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { AnyEntity, EntitySchema } from '@mikro-orm/core';
import { StartupError } from '../config/startup-error.ts';
import { checkBusSchema } from '../bus/schema-version.ts';
import { createOrm, type Orm } from './orm.ts';
import { migrateModules, migrationSources, modulesBehind, type MigrationSource } from './migrate.ts';
import { canManageRoles, roleNames } from './roles.ts';

/** How this process's database login relates to the schema (docs/adr/0074-database-roles.md). */
export type SchemaAccess =
  /** One login that may create (owner or superuser): migrates at boot, as a single container always did. */
  | 'owner'
  /** A runtime role with a separate owning login (MIGRATION_DATABASE_URL): migrations run through that one. */
  | 'migrated-by-owner'
  /** A runtime role alone: never runs DDL; the schema must already be current. */
  | 'runtime';

export interface PrepareInput {
  orm: Orm;
  url: string;
  migrationUrl?: string;
  rolePrefix: string;
  modules: MigrationSource[];
  entities: EntitySchema<AnyEntity>[];
  log: (msg: string) => void;
}

/** Whether this login may create schemas in the database (the migrations need it; runtime roles lack it). */
async function mayCreate(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, application_name: 'tessera-access-check' });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      `select has_database_privilege(current_database(), 'CREATE') as ok`,
    );
    return Boolean(rows[0]?.ok);
  } finally {
    await client.end();
  }
}

/**
 * Brings the database to what the hosted modules need, or checks that it is there:
 * - with MIGRATION_DATABASE_URL: migrations, pg-boss's schema and the role grants run through it;
 * - with one login that may create: migrations run through it (no roles), exactly as before;
 * - with a runtime role alone: nothing is changed; a schema that is not current stops the boot
 *   with the modules behind and the fix.
 */
export async function prepareDatabase(input: PrepareInput): Promise<SchemaAccess> {
  const { orm, url, migrationUrl, modules, log } = input;
  if (migrationUrl && migrationUrl !== url) {
    await migrateAsOwner({ ...input, migrationUrl, roles: true });
    return 'migrated-by-owner';
  }
  if (await mayCreate(url)) {
    await migrateModules(orm, url, modules, log);
    return 'owner';
  }
  const behind = await modulesBehind(orm, migrationSources(modules));
  const installed = await checkBusSchema(url);
  if (behind.length || !installed) {
    const what = [...behind.map((m) => m.schema), ...(installed ? [] : ['the bus (pg-boss)'])].join(', ');
    throw new StartupError(
      `The database schema is not current for ${what}, and this login (DATABASE_URL) is a runtime role that never ` +
        `changes it: run the migrations first with the owning role (MIGRATION_DATABASE_URL=... npm run migrate), ` +
        `or set MIGRATION_DATABASE_URL on this process.`,
    );
  }
  return 'runtime';
}

/**
 * The migration step under the owning login: pg-boss's schema (install or upgrade), every module's
 * migrations, then (roles) the module roles and their grants. `npm run migrate` and a boot with
 * MIGRATION_DATABASE_URL both come here.
 */
export async function migrateAsOwner(
  input: Omit<PrepareInput, 'orm' | 'url'> & { migrationUrl: string; roles: boolean },
): Promise<void> {
  const { migrationUrl, modules, entities, log } = input;
  if (input.roles) await requireRoleManagement(migrationUrl);
  await checkBusSchema(migrationUrl);
  const boss = new PgBoss({ connectionString: migrationUrl, max: 2, supervise: false, schedule: false });
  boss.on('error', () => undefined); // (start's own failure is thrown; nothing else runs on it)
  await boss.start();
  await boss.stop({ graceful: false, close: true });
  const orm = await createOrm(migrationUrl, entities, { max: 2 });
  try {
    await migrateModules(orm, migrationUrl, modules, log, input.roles ? { roles: roleNames(input.rolePrefix) } : {});
  } finally {
    await orm.close();
  }
}

async function requireRoleManagement(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'tessera-access-check' });
  await client.connect();
  try {
    if (!(await canManageRoles(client)))
      throw new StartupError(
        'The role of MIGRATION_DATABASE_URL cannot create roles: it makes the module roles and grants them ' +
          'their schemas, so it needs CREATEROLE (ALTER ROLE <owner> CREATEROLE), or run it as a superuser.',
      );
  } finally {
    await client.end();
  }
}
