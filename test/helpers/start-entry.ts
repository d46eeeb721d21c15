import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcess;
  output(): string;
  /** Resolves once the output matches (rejects when the process exits first or after timeoutMs). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Sends the signal and resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<Run>;
  exited: Promise<Run>;
}

/**
 * Starts `npm start`'s entry (src/start.mjs) as a person would, with only the given environment
 * (no DATABASE_URL unless given; no demo seed unless asked).
 */
export function startEntry(env: Record<string, string>, opts: { node?: string; cwd?: string } = {}): Started {
  const child = spawn(opts.node ?? process.execPath, ['src/start.mjs'], {
    cwd: opts.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (run.stdout += d));
  child.stderr.on('data', (d) => (run.stderr += d));
  const exited = new Promise<Run>((done) => child.once('close', (code) => done({ ...run, code })));
  const output = () => run.stdout + run.stderr;
  return {
    child,
    output,
    exited,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((done, fail) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => {
          const m = pattern.exec(output());
          if (m) return done(m);
          if (child.exitCode !== null || Date.now() > deadline)
            return fail(new Error(`no ${pattern} in the output (exit ${child.exitCode}):\n${output()}`));
          setTimeout(check, 50);
        };
        check();
      }),
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** startEntry, resolved when the process exits (killed after timeoutMs). */
export async function runStart(
  env: Record<string, string>,
  opts: { node?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<Run> {
  const started = startEntry(env, opts);
  const timer = setTimeout(() => started.child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const run = await started.exited;
  clearTimeout(timer);
  return run;
}

/** A Node older than 22.18 on this machine (its own `node`, v20 here), to run the real version check on. */
export function oldNode(): string | undefined {
  const candidates = ['/usr/bin/node', '/usr/local/bin/node', ...whichAll('node')];
  for (const bin of candidates) {
    try {
      const version = execFileSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
      const [major, minor] = version.split('.').map(Number);
      if (major < 22 || (major === 22 && minor < 18)) return bin;
    } catch {
      // not there
    }
  }
  return undefined;
}

function whichAll(name: string): string[] {
  try {
    return execFileSync('which', ['-a', name], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
