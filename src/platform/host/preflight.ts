import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.ts';
import { StartupError } from '../config/startup-error.ts';
import { bindError } from '../ports.ts';

/**
 * What a first start most often trips on, checked before anything heavy (no database yet), each
 * answered with one line naming the cause and the fix. The Node version is checked even earlier,
 * in src/start.mjs, because an old Node cannot load this file.
 */
export async function preflight(config: Config): Promise<void> {
  if (config.PORT !== 0) {
    const code = await bindError(config.PORT, config.HOST);
    if (code === 'EADDRINUSE') throw portTaken(config.PORT, config.HOST);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new StartupError(
        `HOST ${config.HOST} is not an address of this machine: set HOST to one (127.0.0.1, or 0.0.0.0 for all).`,
      );
    if (code === 'EACCES')
      throw new StartupError(
        `Port ${config.PORT} needs privileges this user lacks (PORT): use a port above 1023, e.g. PORT=3000.`,
      );
  }
  // DATA_DIR holds the embedded PostgreSQL and, without SMTP_URL, the mail written to files.
  if (!config.DATABASE_URL || !config.SMTP_URL) writable(config.DATA_DIR);
  if (!config.DATABASE_URL) ownPostgresData(config.DATA_DIR);
}

/** The same sentence when the port is taken between the check and the listen. */
export function portTaken(port: number, host: string): StartupError {
  return new StartupError(
    `Port ${port} on ${host} is taken (PORT): stop what listens there, or start on another port, e.g. PORT=${port === 65535 ? 3000 : port + 1} npm start.`,
  );
}

function writable(dataDir: string) {
  const dir = resolve(dataDir);
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : String(err);
    throw new StartupError(
      `DATA_DIR ${dir} is not a folder this user can write (${code}): make it writable (chown/chmod), or set DATA_DIR to a folder you own.`,
    );
  }
}

/** PostgreSQL runs as the user who owns its data: a start as root left it to the postgres user. */
function ownPostgresData(dataDir: string) {
  const uid = process.getuid?.();
  const pg = resolve(dataDir, 'pg');
  if (uid === undefined || uid === 0 || !existsSync(pg)) return;
  const owner = statSync(pg).uid;
  if (owner !== uid)
    throw new StartupError(
      `${pg} belongs to another user (uid ${owner}; a start as root makes it the postgres user's): start Tessera as that user, or set DATA_DIR to a folder of your own (a new, empty shop).`,
    );
}
