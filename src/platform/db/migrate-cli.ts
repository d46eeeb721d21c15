// `npm run migrate`: brings the database to what the modules in MODULES need (pg-boss's schema,
// every module's migrations), then exits. With MIGRATION_DATABASE_URL (the owning role) it also
// creates the module roles and grants them their schemas (docs/adr/0074-database-roles.md).
import { pino } from 'pino';
import { loadConfig } from '../config/load.ts';
import { discoverModules, selectModules } from '../host/load-modules.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { migrateAsOwner } from './prepare.ts';

const config = loadConfig();
const log = pino({ level: config.LOG_LEVEL });
const modules = selectModules(await discoverModules(config.EXTRA_MODULES), config.MODULES);
const ownerUrl = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
const embedded = ownerUrl
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
      portExplicit: Boolean(process.env.EMBEDDED_PG_PORT),
      log,
    });
try {
  await migrateAsOwner({
    migrationUrl: ownerUrl ?? embedded!.url,
    roles: Boolean(config.MIGRATION_DATABASE_URL),
    rolePrefix: config.DB_ROLE_PREFIX,
    modules: modules.map((m) => ({ schema: m.name, dir: m.migrationsDir })),
    entities: modules.flatMap((m) => m.entities),
    log: (msg) => log.info(msg),
  });
  log.info({ modules: modules.map((m) => m.name) }, 'migrations are up to date');
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 2;
} finally {
  await embedded?.stop();
}
