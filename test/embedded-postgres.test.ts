import { createServer, type Server } from 'node:net';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntry, type Started } from './helpers/start-entry.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The embedded PostgreSQL a clean clone starts on (no DATABASE_URL), on this machine's ports. */
describe('npm start without DATABASE_URL', () => {
  let scratch: string;
  let blocker: Server | undefined;
  const running: Started[] = [];
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'tessera-embedded-'));
    chmodSync(scratch, 0o755);
    // The default port taken, as by another clone's database (unless something holds it already).
    blocker = await new Promise<Server | undefined>((done) => {
      const server = createServer();
      server.once('error', () => done(undefined));
      server.listen({ port: 54329, host: '127.0.0.1' }, () => done(server));
    });
  });
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop('SIGTERM')));
    blocker?.close();
    rmSync(scratch, { recursive: true, force: true });
  });
  const start = (env: Record<string, string>) => {
    const started = startEntry({ PORT: '0', DATA_DIR: join(scratch, 'data'), ...env });
    running.push(started);
    return started;
  };

  it('takes another port when 54329 is taken and says so; a second start from the same folder is told why not; a database left behind by a killed start is stopped and replaced', async () => {
    const first = start({});
    const [, port] = await first.waitFor(/port 54329 is taken .*: the embedded PostgreSQL uses port (\d+) instead/);
    const [, url] = await first.waitFor(/Tessera listening on (http:\/\/\S+)/);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect(first.output()).toMatch(new RegExp(`"port":${port},"msg":"embedded PostgreSQL running"`));

    const second = await start({}).exited;
    expect(second.code).toBe(2);
    expect(second.stderr.trim()).toMatch(
      new RegExp(
        `^Another Tessera \\(pid ${first.child.pid}\\) is running from this folder .* stop it first, or set DATA_DIR`,
      ),
    );

    // Killed outright, the first start leaves its PostgreSQL running, holding the data folder.
    await first.stop('SIGKILL');
    const leftover = Number(readFileSync(join(scratch, 'data', 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(leftover)).toBe(true);
    const third = start({});
    const [, again] = await third.waitFor(/Tessera listening on (http:\/\/\S+)/);
    expect(third.output()).toContain('stopping the embedded PostgreSQL an earlier start left running');
    expect(alive(leftover)).toBe(false);
    expect((await fetch(`${again}/health`)).status).toBe(200);
    const stopped = await third.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    // ...and a graceful stop takes its PostgreSQL with it.
    expect(existsSync(join(scratch, 'data', 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
