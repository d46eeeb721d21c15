import { createServer, type Server } from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oldNode, runStart, type Run } from './helpers/start-entry.ts';

/** One line on stderr (no stack trace) and exit code 2: the shape of every preflight answer. */
function expectOneLine(run: Run, message: RegExp) {
  expect(run.code, run.stdout + run.stderr).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
}

const listen = (port = 0) =>
  new Promise<Server>((done) => {
    const server = createServer();
    server.listen({ port, host: '127.0.0.1' }, () => done(server));
  });
const portOf = (server: Server) => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};

describe('npm start: the preflight', () => {
  let scratch: string;
  let taken: Server;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'tessera-preflight-'));
    taken = await listen();
  });
  afterAll(() => {
    taken?.close();
    rmSync(scratch, { recursive: true, force: true });
  });
  // (a database URL that is never reached: each check must answer before anything connects)
  const unreachable = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PORT: '0', DATA_DIR: '' };

  const node = oldNode();
  it.skipIf(!node)(`on this machine's old Node (${node}): names the version needed and how to get it`, async () => {
    const run = await runStart({}, { node });
    expectOneLine(run, /^Tessera needs Node\.js 22\.18 or newer .*this is Node 2\d\.\d+\.\d+.*install Node 24/);
  });

  it('MODULES set but empty is a configuration error, not "all modules"', async () => {
    const run = await runStart({ ...unreachable, DATA_DIR: scratch, MODULES: '' });
    expectOneLine(run, /^Invalid configuration: MODULES is set but empty: name the modules .* or unset it/);
  });

  it('an HTTP port in use names the port and the variable', async () => {
    const port = portOf(taken);
    const run = await runStart({ ...unreachable, DATA_DIR: scratch, PORT: String(port) });
    expectOneLine(
      run,
      new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is taken \\(PORT\\): .* PORT=${port + 1} npm start\\.$`),
    );
  });

  it('a DATA_DIR that cannot be written names the folder and the fix', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    const run = await runStart({ ...unreachable, DATA_DIR: join(file, 'data') });
    expectOneLine(run, /^DATA_DIR .*a-file\/data is not a folder this user can write \(ENOTDIR\): .*set DATA_DIR/);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only DATA_DIR (as a normal user) is refused the same way', async () => {
    const readOnly = join(scratch, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    const run = await runStart({ ...unreachable, DATA_DIR: readOnly });
    expectOneLine(run, /^DATA_DIR .*read-only is not a folder this user can write \(EACCES\)/);
  });

  it('an embedded PostgreSQL port asked for (EMBEDDED_PG_PORT) and taken names both', async () => {
    const port = portOf(taken);
    const run = await runStart({ PORT: '0', DATA_DIR: join(scratch, 'pg-port'), EMBEDDED_PG_PORT: String(port) });
    expectOneLine(
      run,
      new RegExp(`^Port ${port} for the embedded PostgreSQL \\(EMBEDDED_PG_PORT\\) is taken: .*unset EMBEDDED_PG_PORT`),
    );
  });

  it('an embedded PostgreSQL that will not start says why and what to do', async () => {
    // A data folder of another PostgreSQL version: PostgreSQL itself refuses it.
    const dataDir = join(scratch, 'old-cluster');
    mkdirSync(join(dataDir, 'pg'), { recursive: true });
    chmodSync(scratch, 0o755); // (so that, as root, the postgres user can reach it)
    writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), '9.6\n');
    const run = await runStart({ PORT: '0', DATA_DIR: dataDir });
    expectOneLine(run, /embedded PostgreSQL|PostgreSQL version/);
    expect(run.stderr).toMatch(/old-cluster\/pg/);
    expect(run.stderr).toMatch(/DATABASE_URL/);
  });
});
