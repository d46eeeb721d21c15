import { recordAudit } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { findGroup } from '../entities/customer-group.data.ts';
import { CustomerGroupMember } from '../entities/customer-group.entity.ts';
import type { GroupChangeBy } from './create-customer-group.ts';

export async function removeGroupMember(em: EntityManager, by: GroupChangeBy, id: string, customerId: string) {
  await em.transactional(async (tx) => {
    await findGroup(tx, id);
    if (!(await tx.nativeDelete(CustomerGroupMember, { groupId: id, customerId })))
      throw new NotFound('Customer in this group');
    await recordAudit(by.publish, tx, by.actor, {
      action: 'customerGroup.removeMember',
      resourceType: 'customerGroup',
      resourceId: id,
      before: { member: customerId },
      after: null,
    });
  });
}
