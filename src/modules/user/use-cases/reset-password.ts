import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { hashParams } from '../domain/account-settings.ts';
import type { AccountKind } from '../entities/account-token.entity.ts';
import { StaffMember } from '../entities/staff-member.entity.ts';
import { User } from '../entities/user.entity.ts';
import { auditOwnAccess } from './audit-own-access.ts';
import { assertStrongPassword, findAccount } from './change-password.ts';
import { invalidLink, redeemAccountToken, voidAccountTokens } from './redeem-account-token.ts';
import { revokeAllSessions } from './sign-out.ts';

/** An account deleted or deactivated since the link was mailed is no account. */
const gone = (err: unknown) => {
  if (err instanceof NotFound) return null;
  throw err;
};

/**
 * Sets a new password with a mailed reset token (once). Every session of the account is revoked
 * and the account's other reset links die; a customer's email counts as verified (they read the mail).
 */
export function resetPassword(
  platform: Platform,
  em: EntityManager,
  audience: AccountKind,
  input: { token: string; password: string },
): Promise<void> {
  return em.transactional(async (tx) => {
    const { kind, accountId } = await redeemAccountToken(tx, input.token, 'password_reset');
    // A staff link used at the store's endpoint (or the reverse) is as good as no link.
    const account = kind === audience ? await findAccount(tx, kind, accountId).catch(gone) : null;
    if (!account) throw invalidLink();
    assertStrongPassword(input.password, account.email);
    const passwordHash = await hashPassword(input.password, hashParams(platform.config));
    if (kind === 'staff') {
      await tx.nativeUpdate(StaffMember, { id: accountId }, { passwordHash });
      await auditOwnAccess(platform, tx, account, 'staff.passwordReset', null, { sessionsRevoked: true });
    } else {
      await tx.nativeUpdate(User, { id: accountId }, { passwordHash });
      await tx.nativeUpdate(User, { id: accountId, emailVerifiedAt: null }, { emailVerifiedAt: new Date() });
    }
    await voidAccountTokens(tx, accountId, 'password_reset');
    await revokeAllSessions(tx, accountId);
  });
}
