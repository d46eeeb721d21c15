import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { normaliseEmail } from '../domain/email.ts';
import { User } from '../entities/user.entity.ts';

/**
 * The first admin: from ADMIN_EMAIL/ADMIN_PASSWORD, or generated and printed once. Runs only while
 * no admin exists, so a restart never resets a password staff have changed.
 */
export async function ensureAdmin(platform: Platform): Promise<void> {
  const em = platform.orm.em.fork();
  if (await em.count(User, { role: 'admin' })) return;
  const email = normaliseEmail(platform.config.ADMIN_EMAIL ?? 'admin@tessera.local');
  const generated = !platform.config.ADMIN_PASSWORD;
  const password = platform.config.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url') + 'A1!';
  const existing = await em.findOne(User, { email });
  if (existing) existing.role = 'admin';
  else
    em.create(User, {
      email,
      passwordHash: await hashPassword(password),
      role: 'admin',
      firstName: 'Admin',
      lastName: null,
      phone: null,
    });
  await em.flush();
  // Printed on stdout on purpose (not through the logger, which may be silent): shown once, never stored in clear.
  if (generated && !existing) console.log(`\n  Admin login (shown once): ${email} / ${password}\n`);
  else platform.log.info({ email }, 'admin account created');
}
