import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { migrateModules } from '../src/platform/db/migrate.ts';
import { createOrm } from '../src/platform/db/orm.ts';
import { startTestApp } from './helpers/app.ts';
import { createTestDatabase } from './helpers/db.ts';

const userMigrations = resolve(import.meta.dirname, '../migrations/user');

describe('the staff migration', () => {
  it("moves yesterday's role='admin' users to active staff owners (id, password, sessions kept); customers stay", async () => {
    const db = await createTestDatabase();
    // The first migration alone, from a folder inside the repository (so its imports resolve).
    const before = mkdtempSync(join(import.meta.dirname, '.migrations-'));
    copyFileSync(
      join(userMigrations, 'Migration20261121000000_init.ts'),
      join(before, 'Migration20261121000000_init.ts'),
    );
    const orm = await createOrm(db.url, [], { max: 1 });
    try {
      await migrateModules(orm, db.url, [{ schema: 'user', dir: before }]);
      const hash = await hashPassword('Old-admin-password-1');
      const [admin, customer] = ['0190f0e0-0000-7000-8000-0000000000a1', '0190f0e0-0000-7000-8000-0000000000c1'];
      await db.query(
        `insert into "user".users (id, email, password_hash, role, first_name, created_at, updated_at) values
         ($1, 'boss@example.com', $3, 'admin', 'Boss', now(), now()), ($2, 'buyer@example.com', $3, 'customer', 'Buyer', now(), now())`,
        [admin, customer, hash],
      );
      await db.query(
        `insert into "user".refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_at)
         values ('0190f0e0-0000-7000-8000-0000000000f1', $1, $1, repeat('0', 64), now() + interval '1 day', now())`,
        [admin],
      );
      await migrateModules(orm, db.url, [{ schema: 'user', dir: userMigrations }]);
      expect(await db.query('select id, email from "user".users')).toEqual([
        { id: customer, email: 'buyer@example.com' },
      ]);
      expect(
        await db.query(
          `select s.id, s.status, r.name from "user".staff_members s
             join "user".staff_roles sr on sr.staff_id = s.id join "user".roles r on r.id = sr.role_id`,
        ),
      ).toEqual([{ id: admin, status: 'active', name: 'owner' }]);
      expect(await db.query(`select account_kind from "user".refresh_tokens`)).toEqual([{ account_kind: 'staff' }]);
    } finally {
      await orm.close();
      rmSync(before, { recursive: true, force: true });
    }
    // The moved owner signs in with the old password; no second owner is made from ADMIN_EMAIL.
    const app = await startTestApp({ MODULES: 'user' }, { db });
    try {
      const login = await app.request('POST', '/admin/auth/login', {
        body: { email: 'boss@example.com', password: 'Old-admin-password-1' },
      });
      expect(login.statusCode).toBe(200);
      expect(login.json().staff.roles).toEqual(['owner']);
      expect(await db.query(`select 1 from "user".staff_members where email = 'admin@example.com'`)).toHaveLength(0);
    } finally {
      await app.stop();
    }
  });
});
