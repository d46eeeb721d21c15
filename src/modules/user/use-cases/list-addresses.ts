import type { EntityManager } from '../../../platform/db/index.ts';
import { Address } from '../entities/address.entity.ts';
import { MAX_ADDRESSES } from './add-address.ts';

export const listAddresses = (em: EntityManager, userId: string): Promise<Address[]> =>
  em.find(Address, { userId }, { orderBy: { id: 'asc' }, limit: MAX_ADDRESSES });
