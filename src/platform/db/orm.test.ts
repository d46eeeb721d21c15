import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOrm, socketDir } from './orm.ts';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// The local server's socket directory (Debian's); TEST_SOCKET_DIR names another.
const dir = process.env.TEST_SOCKET_DIR ?? '/var/run/postgresql';

describe('database URL', () => {
  it("reads a socket directory from libpq's host parameter, and nothing else", () => {
    expect(socketDir('postgres://u@localhost:5432/db?host=/var/run/postgresql')).toBe('/var/run/postgresql');
    expect(socketDir('postgres://u@localhost:5432/db?host=db.internal')).toBeUndefined();
    expect(socketDir('postgres://u@localhost:5432/db')).toBeUndefined();
  });

  it.skipIf(!existsSync(dir))('connects over the Unix socket when the URL names one', async () => {
    const u = new URL(url);
    u.hostname = 'localhost';
    u.searchParams.set('host', dir);
    const orm = await createOrm(u.toString(), [], { max: 1 });
    try {
      const [row] = await orm.em.fork().execute<{ addr: string | null }[]>('select inet_server_addr() as addr');
      expect(row.addr).toBeNull(); // (null: not a TCP connection)
    } finally {
      await orm.close();
    }
  });
});
