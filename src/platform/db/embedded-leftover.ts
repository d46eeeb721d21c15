import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { StartupError } from '../config/startup-error.ts';

const readText = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err instanceof Error && 'code' in err && err.code === 'EPERM'; // alive, someone else's
  }
};

/**
 * A Tessera killed outright (SIGKILL, a closed terminal) leaves its PostgreSQL running, holding the
 * data directory. When that PostgreSQL's parent is gone, it is ours to stop; when a live Node
 * process still owns it, another Tessera runs from this folder and we say so. (Linux /proc only;
 * elsewhere PostgreSQL's own lock check speaks.)
 */
export async function stopLeftover(databaseDir: string, log: Logger): Promise<void> {
  const pid = Number(readText(join(databaseDir, 'postmaster.pid'))?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  const cmdline = readText(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
  if (!cmdline.some((arg) => arg.endsWith('postgres')) || !cmdline.includes(databaseDir)) return;
  const ppid = Number(readText(`/proc/${pid}/stat`)?.split(') ')[1]?.split(' ')[1]);
  const parent = readText(`/proc/${ppid}/cmdline`)?.split('\0')[0] ?? '';
  if (ppid > 1 && /(^|\/)node[\d.]*$/.test(parent))
    throw new StartupError(
      `Another Tessera (pid ${ppid}) is running from this folder with its embedded PostgreSQL in ${databaseDir}: stop it first, or set DATA_DIR to another folder.`,
    );
  log.warn({ pid }, 'stopping the embedded PostgreSQL an earlier start left running');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; alive(pid); waited += 100) {
    if (waited > 30_000)
      throw new StartupError(
        `The embedded PostgreSQL left running (pid ${pid}) does not stop: stop it, then start again.`,
      );
    await sleep(100);
  }
}
