import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { findGroup } from '../entities/customer-group.data.ts';
import { CustomerGroupMember } from '../entities/customer-group.entity.ts';

export async function removeGroupMember(em: EntityManager, id: string, customerId: string): Promise<void> {
  await findGroup(em, id);
  if (!(await em.nativeDelete(CustomerGroupMember, { groupId: id, customerId })))
    throw new NotFound('Customer in this group');
}
