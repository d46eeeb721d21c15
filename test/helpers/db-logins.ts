// Database roles as an operator makes them (docs/adr/0074-database-roles.md): an owning login
// (CREATEROLE, CREATE on the database) runs the migrations once, as a deployment's migration Job
// would (`npm run migrate` with MIGRATION_DATABASE_URL), then `npm run db:roles` makes one LOGIN
// role per process. Roles belong to the cluster, not the database: every run names its own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { adminUrl, type TestDatabase } from './db.ts';

const root = resolve(import.meta.dirname, '../..');

/** `node <script>` under this Node, with an environment of its own; resolves with code and output. */
export function runScript(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise<{ code: number | null; out: string }>((r) => child.on('exit', (code) => r({ code, out })));
}

/** The same database under another login (and its password, when it has one). */
export const loginAs = (url: string, role: string, password?: string) => {
  const u = new URL(url);
  u.username = role;
  if (password) u.password = password;
  return u.toString();
};

export async function sql(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

export interface OwnedDatabase {
  prefix: string;
  owner: string;
  ownerUrl: string;
  /** `npm run db:roles -- <prefix><login> <modules>` as the owner; resolves with that login's URL. */
  login(name: string, modules: string): Promise<string>;
  /** Drops every role of this run (after the database is gone). */
  dropRoles(): Promise<void>;
}

/** An owning login for `db`, which has migrated every module and made the module roles. */
export async function migratedByOwner(db: TestDatabase): Promise<OwnedDatabase> {
  const prefix = `t${Math.random().toString(36).slice(2, 8)}_`;
  const owner = `${prefix}owner`;
  await sql(adminUrl, `create role ${owner} login createrole`);
  await sql(adminUrl, `grant create on database ${db.name} to ${owner}`);
  const ownerUrl = loginAs(db.url, owner);
  const env = { MIGRATION_DATABASE_URL: ownerUrl, DB_ROLE_PREFIX: prefix };
  const migrated = await runScript('src/platform/db/migrate-cli.ts', [], env);
  if (migrated.code !== 0) throw new Error(`npm run migrate failed (${migrated.code}):\n${migrated.out}`);
  return {
    prefix,
    owner,
    ownerUrl,
    async login(name, modules) {
      // (the password as an operator passes it: in the environment, never on the command line)
      const password = randomBytes(12).toString('hex');
      const made = await runScript('src/platform/db/roles-cli.ts', [`${prefix}${name}`, modules], {
        ...env,
        DB_ROLE_PASSWORD: password,
      });
      if (made.code !== 0) throw new Error(`npm run db:roles failed (${made.code}):\n${made.out}`);
      return loginAs(db.url, `${prefix}${name}`, password);
    },
    async dropRoles() {
      const roles = (
        await sql(
          adminUrl,
          `select rolname from pg_roles where rolname like '${prefix}%' order by rolname = '${owner}'`,
        )
      ).rows.map((r) => r.rolname as string);
      for (const role of roles) {
        if (role !== owner) await sql(adminUrl, `drop owned by ${role}`).catch(() => undefined);
      }
      await sql(adminUrl, `drop owned by ${owner}`).catch(() => undefined);
      for (const role of roles) await sql(adminUrl, `drop role if exists ${role}`).catch(() => undefined);
    },
  };
}
