// `npm run migrate`: runs the migrations of the modules in MODULES, then exits.
import { pino } from 'pino';
import { loadConfig } from '../config/load.ts';
import { discoverModules, selectModules } from '../host/load-modules.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { createOrm } from './orm.ts';
import { migrateModules } from './migrate.ts';

const config = loadConfig();
const log = pino({ level: config.LOG_LEVEL });
const modules = selectModules(await discoverModules(config.EXTRA_MODULES), config.MODULES);
const embedded = config.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
      portExplicit: Boolean(process.env.EMBEDDED_PG_PORT),
      log,
    });
const url = config.DATABASE_URL ?? embedded!.url;
const orm = await createOrm(
  url,
  modules.flatMap((m) => m.entities),
  2,
);
try {
  await migrateModules(
    orm,
    url,
    modules.map((m) => ({ schema: m.name, dir: m.migrationsDir })),
    (msg) => log.info(msg),
  );
  log.info({ modules: modules.map((m) => m.name) }, 'migrations are up to date');
} finally {
  await orm.close();
  await embedded?.stop();
}
