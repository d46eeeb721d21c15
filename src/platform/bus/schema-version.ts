import pg from 'pg';
import { PgBoss } from 'pg-boss';

/** pg-boss 12.35.0 (pinned in package.json) and the schema version of it this code was tested with. */
export const PGBOSS_RELEASE = '12.35.0';
export const PGBOSS_SCHEMA_VERSION = 43;

/** The bus's tables in the database are of another pg-boss schema version than this code was tested with. */
export class BusSchemaMismatch extends Error {
  readonly found: number;
  constructor(found: number) {
    const fix =
      found < PGBOSS_SCHEMA_VERSION
        ? `migrate it first (with every process stopped): npx pg-boss migrate, from this release's node_modules`
        : `this database was migrated by a newer pg-boss: deploy the code that pins it, or roll the schema back (pg-boss's getRollbackPlans)`;
    super(
      `The pg-boss schema in the database is version ${found}, but this build runs pg-boss ${PGBOSS_RELEASE} ` +
        `and was tested with schema version ${PGBOSS_SCHEMA_VERSION}: ${fix}.`,
    );
    this.name = 'BusSchemaMismatch';
    this.found = found;
  }
}

/**
 * Reads the installed pg-boss schema version through pg-boss's own `schemaVersion` (on one
 * throwaway connection, before pg-boss would migrate anything) and throws BusSchemaMismatch when
 * it is not the tested one. A database without pg-boss passes (false): start() installs the tested
 * version, where the role may (see db/prepare.ts).
 */
export async function checkBusSchema(url: string, schema = 'pgboss'): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, application_name: 'tessera-bus-check' });
  await client.connect();
  try {
    const probe = new PgBoss({ schema, db: { executeSql: (text, values) => client.query(text, values) } });
    if (!(await probe.isInstalled())) return false;
    const found = await probe.schemaVersion();
    if (found !== PGBOSS_SCHEMA_VERSION) throw new BusSchemaMismatch(found ?? 0);
    return true;
  } finally {
    await client.end();
  }
}
