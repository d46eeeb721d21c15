// `npm run db:roles -- <login-role> <modules|all>`: makes (or updates) a LOGIN role for a process
// hosting these modules, a member of their roles and nothing else; its password from
// DB_ROLE_PASSWORD (never the command line). Run after `npm run migrate` made the module roles,
// with the owning role's URL (MIGRATION_DATABASE_URL, else DATABASE_URL).
import pg from 'pg';
import { loadConfig } from '../config/load.ts';
import { discoverModules, selectModules } from '../host/load-modules.ts';
import { loginRoleStatements, roleNames } from './roles.ts';

const [login, list] = process.argv.slice(2);
const config = loadConfig();
const url = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
if (!login || !list || !/^[a-z][a-z0-9_]{0,62}$/.test(login) || !url) {
  console.error(
    'usage: MIGRATION_DATABASE_URL=postgres://owner@host/db DB_ROLE_PASSWORD=... npm run db:roles -- <login-role> <all|module,module,...>',
  );
  process.exit(2);
}
const all = await discoverModules(config.EXTRA_MODULES);
const modules = selectModules(all, list).map((m) => m.name);
const names = roleNames(config.DB_ROLE_PREFIX);
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const { rows } = await client.query<{ role: string }>(
    'select r as role from unnest($1::text[]) r where to_regrole(r) is null',
    [modules.map((m) => names.module(m))],
  );
  if (rows.length) {
    console.error(
      `No role ${rows.map((r) => r.role).join(', ')} yet: run the migrations first (MIGRATION_DATABASE_URL=... npm run migrate).`,
    );
    process.exitCode = 2;
  } else {
    const statements = loginRoleStatements(names, login, modules, {
      password: process.env.DB_ROLE_PASSWORD,
      seed: modules.length === all.length,
    });
    for (const sql of statements) await client.query(sql);
    console.log(`${login} may log in as ${modules.map((m) => names.module(m)).join(', ')}`);
  }
} finally {
  await client.end();
}
