import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { startServer, type Server } from './helpers/process.ts';

// The first owner, with no ADMIN_PASSWORD: two real processes hosting user start at once on an
// empty database. Both come up, one owner exists, and its generated login is printed once in all.
describe('the first owner across processes', () => {
  let db: TestDatabase;
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    await db?.drop();
  });

  it('two processes started together: both serve, exactly one owner, its login printed once', async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      MODULES: 'user',
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'first@example.com',
      CACHE_PREFIX: `owner${Date.now()}:`,
    };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
    for (const s of servers) expect((await fetch(`${s.url}/health`)).status).toBe(200);
    const owners = await db.query(
      `select s.email from "user".staff_members s join "user".staff_roles sr on sr.staff_id = s.id
         join "user".roles r on r.id = sr.role_id where r.name = 'owner'`,
    );
    expect(owners).toEqual([{ email: 'first@example.com' }]);
    const printed = servers.flatMap((s) => s.output().match(/Owner login \(shown once\): (\S+) \/ (\S+)/g) ?? []);
    expect(printed).toHaveLength(1);
    const [, email, password] = /: (\S+) \/ (\S+)/.exec(printed[0])!;
    for (const s of servers) {
      const login = await fetch(`${s.url}/admin/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(login.status).toBe(200);
    }
  }, 120_000);
});
