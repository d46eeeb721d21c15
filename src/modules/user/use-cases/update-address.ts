import type { EntityManager } from '../../../platform/db/index.ts';
import { Address } from '../entities/address.entity.ts';
import type { AddressFields } from './add-address.ts';
import { getAddress } from './get-address.ts';

export function updateAddress(
  em: EntityManager,
  userId: string,
  id: string,
  patch: Partial<AddressFields>,
): Promise<Address> {
  return em.transactional(async (tx) => {
    const address = await getAddress(tx, userId, id);
    if (patch.isDefaultShipping)
      await tx.nativeUpdate(Address, { userId, id: { $ne: id } }, { isDefaultShipping: false });
    tx.assign(address, patch);
    return address;
  });
}
