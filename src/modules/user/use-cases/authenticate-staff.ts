import type { EntityManager } from '../../../platform/db/index.ts';
import type { Config } from '../../../platform/config/schema.ts';
import { Unauthorized } from '../../../platform/http/errors.ts';
import { dummyHash, verifyPassword } from '../../../platform/auth/passwords.ts';
import { hashParams } from '../domain/account-settings.ts';
import { normaliseEmail } from '../domain/email.ts';
import { StaffMember } from '../entities/staff-member.entity.ts';

/**
 * Checks a staff member's credentials: only active members sign in (invited ones have no password
 * yet, deactivated ones no access). Every refusal is the same 401 after the same work.
 */
export async function authenticateStaff(
  config: Config,
  em: EntityManager,
  email: string,
  password: string,
): Promise<StaffMember> {
  const staff = await em.findOne(StaffMember, { email: normaliseEmail(email) });
  const ok = await verifyPassword(staff?.passwordHash ?? (await dummyHash(hashParams(config))), password);
  if (!staff || !ok || staff.status !== 'active') throw new Unauthorized('Invalid email or password');
  return staff;
}
