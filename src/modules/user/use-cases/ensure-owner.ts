import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { query } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { hashParams } from '../domain/account-settings.ts';
import { normaliseEmail } from '../domain/email.ts';
import { OWNER_ROLE } from '../domain/principal.ts';
import { Role, StaffRole } from '../entities/role.entity.ts';
import { StaffMember } from '../entities/staff-member.entity.ts';
import { syncBuiltInRoles } from './sync-built-in-roles.ts';
import { countActiveOwners } from './owner-guard.ts';

/**
 * The first owner: from ADMIN_EMAIL/ADMIN_PASSWORD, or generated and printed once. Runs only while
 * no active owner exists, so a restart never resets a password staff have changed. Processes
 * starting together serialise on a transaction-scoped advisory lock: the first creates the owner,
 * the others then see one and do nothing.
 */
export async function ensureOwner(platform: Platform): Promise<void> {
  const { config } = platform;
  // Every start but the first: roles synced, an owner exists, no password hashed.
  const settled = await platform.orm.em.fork().transactional(async (tx) => {
    await syncBuiltInRoles(tx);
    return (await countActiveOwners(tx)) > 0;
  });
  if (settled) return;
  const email = normaliseEmail(config.ADMIN_EMAIL ?? 'admin@tessera.local');
  const generated = !config.ADMIN_PASSWORD;
  const password = config.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url') + 'A1!';
  const passwordHash = await hashPassword(password, hashParams(config));
  const created = await platform.orm.em.fork().transactional(async (tx) => {
    await query(tx, `select pg_advisory_xact_lock(hashtextextended('user.first-owner', 0))::text`);
    if ((await countActiveOwners(tx)) > 0) return null;
    const owner = await tx.findOneOrFail(Role, { name: OWNER_ROLE });
    let staff = await tx.findOne(StaffMember, { email });
    const existing = staff !== null;
    if (staff) staff.status = 'active';
    else
      staff = tx.create(StaffMember, {
        email,
        passwordHash,
        firstName: 'Owner',
        lastName: null,
        status: 'active',
      });
    if (!staff.passwordHash) staff.passwordHash = passwordHash;
    await tx.flush();
    await tx.upsert(StaffRole, { staffId: staff.id, roleId: owner.id });
    return { existing };
  });
  if (!created) return;
  // Printed on stdout on purpose (not through the logger, which may be silent): shown once, never stored in clear.
  if (generated && !created.existing) console.log(`\n  Owner login (shown once): ${email} / ${password}\n`);
  else platform.log.info({ email }, 'owner account ready');
}
