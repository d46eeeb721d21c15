import type { EntityManager } from '../../../platform/db/index.ts';
import { User } from '../entities/user.entity.ts';
import { invalidLink, redeemAccountToken } from './redeem-account-token.ts';

/** Marks a customer's email verified with the mailed token (once; a later link of the same account also works once). */
export function verifyEmail(em: EntityManager, token: string): Promise<User> {
  return em.transactional(async (tx) => {
    const { accountId } = await redeemAccountToken(tx, token, 'email_verification');
    const user = await tx.findOne(User, { id: accountId });
    if (!user) throw invalidLink();
    user.emailVerifiedAt ??= new Date();
    await tx.flush();
    return user;
  });
}
