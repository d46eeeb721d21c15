import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { hashPassword, passwordWeakness, verifyPassword } from '../../../platform/auth/passwords.ts';
import { BadRequest, NotFound } from '../../../platform/http/errors.ts';
import { hashParams } from '../domain/account-settings.ts';
import type { AccountKind } from '../entities/account-token.entity.ts';
import { StaffMember } from '../entities/staff-member.entity.ts';
import { User } from '../entities/user.entity.ts';
import { auditOwnAccess } from './audit-own-access.ts';
import { revokeAllSessions } from './sign-out.ts';

/** A 400 naming the field when a new password is too weak. */
export function assertStrongPassword(password: string, email: string, field = 'password'): void {
  const weak = passwordWeakness(password, email);
  if (weak) throw new BadRequest(`${field} ${weak}`, { errors: [{ field, message: weak }] });
}

/** The account of a token: a customer or an active staff member. */
export async function findAccount(em: EntityManager, kind: AccountKind, id: string): Promise<User | StaffMember> {
  const account =
    kind === 'staff' ? await em.findOne(StaffMember, { id, status: 'active' }) : await em.findOne(User, { id });
  if (!account) throw new NotFound('Account');
  return account;
}

/**
 * Changes a password, proven by the current one. Every session of the account is revoked (a thief
 * holding a refresh token is out); the caller gets a fresh session from the route.
 */
export async function changePassword(
  platform: Platform,
  em: EntityManager,
  account: { kind: AccountKind; id: string },
  input: { currentPassword: string; newPassword: string },
): Promise<User | StaffMember> {
  const found = await findAccount(em, account.kind, account.id);
  if (!found.passwordHash || !(await verifyPassword(found.passwordHash, input.currentPassword)))
    throw new BadRequest('The current password is wrong', {
      errors: [{ field: 'currentPassword', message: 'is wrong' }],
    });
  assertStrongPassword(input.newPassword, found.email, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword, hashParams(platform.config));
  await em.transactional(async (tx) => {
    if (account.kind === 'staff') {
      await tx.nativeUpdate(StaffMember, { id: account.id }, { passwordHash });
      await auditOwnAccess(platform, tx, found, 'staff.passwordChange', null, { sessionsRevoked: true });
    } else await tx.nativeUpdate(User, { id: account.id }, { passwordHash });
    await revokeAllSessions(tx, account.id);
  });
  return found;
}
