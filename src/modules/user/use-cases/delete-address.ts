import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { Address } from '../entities/address.entity.ts';

export async function deleteAddress(em: EntityManager, userId: string, id: string): Promise<void> {
  if (!(await em.nativeDelete(Address, { id, userId }))) throw new NotFound('Address');
}
