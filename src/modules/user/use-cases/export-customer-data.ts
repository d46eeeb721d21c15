import type { EntityManager } from '../../../platform/db/index.ts';
import { RefreshToken } from '../entities/refresh-token.entity.ts';
import { getProfile } from './get-profile.ts';
import { listAddresses } from './list-addresses.ts';

/**
 * Everything the user module holds about a customer (GDPR art. 15/20): profile, addresses and
 * the sign-ins (when, until when; never a token). Orders belong to the order module and are read
 * from GET /store/orders with the same token.
 */
export async function exportCustomerData(em: EntityManager, customerId: string) {
  const profile = await getProfile(em, customerId);
  const addresses = await listAddresses(em, customerId);
  const sessions = await em.find(
    RefreshToken,
    { userId: customerId, accountKind: 'customer' },
    { orderBy: { createdAt: 'desc' }, limit: 1000 },
  );
  return { profile, addresses, sessions };
}
