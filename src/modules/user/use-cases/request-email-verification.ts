import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { EmailVerificationRequested } from '../contract.ts';
import { User } from '../entities/user.entity.ts';
import { getProfile } from './get-profile.ts';
import { issueAccountToken } from './issue-account-token.ts';

/** Mails the signed-in customer a new verification link; a verified email is a 409. */
export function requestEmailVerification(platform: Platform, em: EntityManager, customerId: string): Promise<User> {
  const publish = publisherFor(platform, 'user');
  return em.transactional(async (tx) => {
    const user = await getProfile(tx, customerId);
    if (user.emailVerifiedAt) throw new Conflict('This email is verified already');
    const { token, expiresAt } = issueAccountToken(platform.config, tx, 'email_verification', {
      kind: 'customer',
      id: user.id,
    });
    await tx.flush();
    await publish(tx, EmailVerificationRequested, {
      customerId: user.id,
      email: user.email,
      firstName: user.firstName ?? null,
      token,
      expiresAt: expiresAt.toISOString(),
    });
    return user;
  });
}
