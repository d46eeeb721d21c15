import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { verifyPassword } from '../../../platform/auth/passwords.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import { CustomerErased } from '../contract.ts';
import { AccountToken } from '../entities/account-token.entity.ts';
import { Address } from '../entities/address.entity.ts';
import { RefreshToken } from '../entities/refresh-token.entity.ts';
import { User } from '../entities/user.entity.ts';
import { getProfile } from './get-profile.ts';

/**
 * A customer deletes their account, confirmed by their password: every row user holds about them
 * goes (profile, addresses, sessions, mailed tokens), and user.customer_erased tells the other
 * modules, in the same transaction, to erase their copies. Orders stay, without the person.
 */
export async function eraseCustomer(
  platform: Platform,
  em: EntityManager,
  customerId: string,
  password: string,
): Promise<void> {
  const user = await getProfile(em, customerId);
  if (!(await verifyPassword(user.passwordHash, password)))
    throw new BadRequest('The password is wrong', { errors: [{ field: 'password', message: 'is wrong' }] });
  const publish = publisherFor(platform, 'user');
  await em.transactional(async (tx) => {
    await tx.nativeDelete(Address, { userId: customerId });
    await tx.nativeDelete(RefreshToken, { userId: customerId, accountKind: 'customer' });
    await tx.nativeDelete(AccountToken, { accountId: customerId, accountKind: 'customer' });
    await tx.nativeDelete(User, { id: customerId });
    await publish(tx, CustomerErased, { customerId, erasedAt: new Date().toISOString() });
  });
}
