import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { PasswordResetRequested } from '../contract.ts';
import { normaliseEmail } from '../domain/email.ts';
import { atLeast } from '../domain/even-timing.ts';
import { hashSecret, newSecret } from '../domain/refresh-token.ts';
import type { AccountKind } from '../entities/account-token.entity.ts';
import { StaffMember } from '../entities/staff-member.entity.ts';
import { User } from '../entities/user.entity.ts';
import { issueAccountToken } from './issue-account-token.ts';

/** Both paths answer after at least this long (a known email costs a row and an event more). */
const RESET_FLOOR_MS = 200;

/**
 * Mails a single-use reset link when the email has an account (an active one, for staff). The
 * caller answers the same either way; an unknown email runs the same transaction and makes a
 * secret it throws away, and both answer no sooner than RESET_FLOOR_MS, so they
 * also take as long.
 */
export async function requestPasswordReset(
  platform: Platform,
  em: EntityManager,
  audience: AccountKind,
  rawEmail: string,
): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const publish = publisherFor(platform, 'user');
  await atLeast(RESET_FLOOR_MS, () =>
    em.transactional(async (tx) => {
      const account =
        audience === 'staff'
          ? await tx.findOne(StaffMember, { email, status: 'active' })
          : await tx.findOne(User, { email });
      if (!account) {
        hashSecret(newSecret());
        return;
      }
      const { token, expiresAt } = issueAccountToken(platform.config, tx, 'password_reset', {
        kind: audience,
        id: account.id,
      });
      await tx.flush();
      await publish(tx, PasswordResetRequested, {
        audience,
        accountId: account.id,
        email,
        firstName: account.firstName ?? null,
        token,
        expiresAt: expiresAt.toISOString(),
      });
    }),
  );
}
