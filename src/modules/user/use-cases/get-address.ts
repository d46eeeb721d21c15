import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { Address } from '../entities/address.entity.ts';

/** One of the customer's addresses; another customer's is a 404, like one that does not exist. */
export async function getAddress(em: EntityManager, userId: string, id: string): Promise<Address> {
  const address = await em.findOne(Address, { id, userId });
  if (!address) throw new NotFound('Address');
  return address;
}
