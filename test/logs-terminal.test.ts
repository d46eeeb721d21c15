import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { repoRoot } from './helpers/start-entry.ts';

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

/**
 * `npm start` in a terminal: util-linux's `script` gives the process a real pseudo-terminal, so
 * stdout.isTTY is true as it is for a person. Runs until `done` resolves, then SIGTERM.
 */
function inTerminal(env: Record<string, string>, done: (url: string, output: () => string) => Promise<void>) {
  const child = spawn('script', ['-qefc', `${process.execPath} src/start.mjs`, '/dev/null'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm', PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`timed out:\n${out}`))), 90_000);
    const wait = setInterval(() => {
      const m = /Tessera listening on (http:\/\/\S+?)[\s(]/.exec(plain(out));
      if (!m) return;
      clearInterval(wait);
      done(m[1], () => plain(out))
        .then(() => new Promise((r) => setTimeout(r, 300)))
        .finally(() => child.kill('SIGTERM'));
    }, 50);
    child.once('close', () => {
      clearTimeout(timer);
      clearInterval(wait);
      resolve(plain(out));
    });
  });
}

describe('logs at a terminal', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('outside production: readable lines, no line per request, the seed as a bar, then the ready line', async () => {
    const out = await inTerminal(
      { DATABASE_URL: db.url, SEED_DEMO: 'true', SEED_DEMO_PRODUCTS: '5' },
      async (url, output) => {
        await fetch(`${url}/health`);
        await fetch(`${url}/store/products`);
        for (let i = 0; i < 600 && !output().includes('The demo shop is ready'); i++)
          await new Promise((r) => setTimeout(r, 100));
      },
    );
    expect(out).not.toMatch(/\{"level":/);
    expect(out).toMatch(/^\[[\d:]+\] INFO: migrated inventory: Migration\w+$/m);
    expect(out).not.toMatch(/incoming request|request completed/);
    expect(out).toMatch(/seeding the demo shop \[#+\.*\] \d+ %, \d\/5 products/);
    expect(out).toMatch(/seeding the demo shop \[#{30}\] 100 %, 5\/5 products/);
    expect(out).toContain('The demo shop is ready: browse http://127.0.0.1:');
  }, 120_000);

  it('in production: JSON lines, as for a log collector', async () => {
    const out = await inTerminal({ DATABASE_URL: db.url, NODE_ENV: 'production' }, async (url) => {
      await fetch(`${url}/health`);
    });
    expect(out).toMatch(/^\{"level":30,.*"msg":"request completed"/m);
  }, 120_000);
});
