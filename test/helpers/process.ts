import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** Tests make carts and orders by the hundred from one address; test/rate-limits.test.ts turns these on. */
export const testRateLimits = 'cart.*=off,cart-line.*=off,checkout.*=off,search.*=off';

export interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node src/main.ts` (or another entry, e.g. the build's) as a child process and waits until it listens. */
export function startServer(env: Record<string, string>, timeoutMs = 60_000, entry = 'src/main.ts'): Promise<Server> {
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      LOG_LEVEL: 'info',
      RATE_LIMITS: testRateLimits,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Tessera listening on (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({
          child,
          url: m[1],
          output: () => out,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
}

/** What every spawned test server needs: its database, no demo data, the first admin, a cache prefix of its own. */
export const serverEnv = (databaseUrl: string, vars: Record<string, string>): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  SEED_DEMO: 'false',
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'Admin-password-1',
  CACHE_PREFIX: `s${Date.now()}${Math.random().toString(36).slice(2, 6)}:`,
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  ...vars,
});
