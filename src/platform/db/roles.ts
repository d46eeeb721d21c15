import pg from 'pg';

/**
 * Least privilege in one database (docs/adr/0074-database-roles.md). The migration role owns every
 * schema; each module gets a NOLOGIN role that may read and write its own schema's tables and
 * nothing else, plus two shared roles every module role is a member of: `<prefix>bus` (pg-boss's
 * tables and functions, as pg-boss's own statements need them) and `<prefix>platform` (the public
 * signing keys, the worker heartbeats). An operator logs in with a LOGIN role made a member of the
 * module roles a process hosts (`npm run db:roles`). Every statement here is idempotent.
 */
export interface RoleNames {
  bus: string;
  platform: string;
  seed: string;
  module(name: string): string;
}

export const roleNames = (prefix: string): RoleNames => ({
  bus: `${prefix}bus`,
  platform: `${prefix}platform`,
  seed: `${prefix}seed`,
  module: (name) => `${prefix}${name.replace(/-/g, '_')}`,
});

const ident = (name: string) => pg.escapeIdentifier(name);

/** CREATE ROLE without IF NOT EXISTS (Postgres has none): a role another run made meanwhile is fine. */
const createRole = (role: string, options = 'NOLOGIN') =>
  `do $$ begin create role ${ident(role)} ${options}; exception when duplicate_object or unique_violation then null; end $$`;

/** Read and write of every table (and sequence) in a schema, now and for tables the owner adds later. */
const schemaGrants = (schema: string, role: string) => {
  const s = ident(schema);
  const r = ident(role);
  return [
    `grant usage on schema ${s} to ${r}`,
    `grant select, insert, update, delete on all tables in schema ${s} to ${r}`,
    `grant usage, select, update on all sequences in schema ${s} to ${r}`,
    `grant execute on all functions in schema ${s} to ${r}`,
    `alter default privileges in schema ${s} grant select, insert, update, delete on tables to ${r}`,
    `alter default privileges in schema ${s} grant usage, select, update on sequences to ${r}`,
    `alter default privileges in schema ${s} grant execute on functions to ${r}`,
  ];
};

/** The shared roles: pg-boss for every module role, the platform tables, the demo seed's progress. */
export function sharedRoleStatements(names: RoleNames, busSchema = 'pgboss'): string[] {
  const p = ident(names.platform);
  return [
    createRole(names.bus),
    createRole(names.platform),
    createRole(names.seed),
    // pg-boss runs plain DML and its own functions (create_queue inserts a row for an unpartitioned
    // queue); its schema changes (install, migrate) happen only under the owning role.
    ...schemaGrants(busSchema, names.bus),
    `grant usage on schema platform to ${p}`,
    `grant select on platform.signing_key to ${p}`,
    `grant select, insert, update, delete on platform.worker_heartbeat to ${p}`,
    // (a publisher's `for key share` read needs update too)
    `grant select, insert, update on platform.bus_interest to ${p}`,
    `grant ${p} to ${ident(names.seed)}`,
    `grant select, insert, update on platform.demo_seed to ${ident(names.seed)}`,
  ];
}

/** A module's role: its own schema, the bus, the platform tables; its migration history read-only. */
export function moduleRoleStatements(names: RoleNames, module: string, hasHistory: boolean): string[] {
  const role = names.module(module);
  const r = ident(role);
  return [
    createRole(role),
    `grant ${ident(names.bus)}, ${ident(names.platform)} to ${r}`,
    ...schemaGrants(module, role),
    ...(hasHistory ? [`revoke insert, update, delete on ${ident(module)}.mikro_orm_migrations from ${r}`] : []),
    // The user module signs tokens: it publishes and retires the public halves of its keys.
    ...(module === 'user' ? [`grant insert, update on platform.signing_key to ${r}`] : []),
  ];
}

/**
 * Makes (or updates) a LOGIN role for a process hosting these modules: a member of their roles
 * and nothing else. The password comes from the caller (an env var), never a command line.
 */
export function loginRoleStatements(
  names: RoleNames,
  login: string,
  modules: string[],
  opts: { password?: string; seed?: boolean } = {},
): string[] {
  const l = ident(login);
  const roles = modules.map((m) => ident(names.module(m)));
  return [
    createRole(login, 'LOGIN'),
    `alter role ${l} with login inherit`,
    ...(opts.password ? [`alter role ${l} with password ${pg.escapeLiteral(opts.password)}`] : []),
    `grant ${roles.join(', ')} to ${l}`,
    // (only a process hosting every module seeds the demo shop)
    ...(opts.seed ? [`grant ${ident(names.seed)} to ${l}`] : []),
  ];
}

/** Whether this connection may create roles (superuser or CREATEROLE): the grants need it. */
export async function canManageRoles(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(
    'select rolsuper or rolcreaterole as ok from pg_roles where rolname = current_user',
  );
  return Boolean(rows[0]?.ok);
}
