import { recordAudit } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { findGroup, flushGroup, groupView, type GroupView } from '../entities/customer-group.data.ts';
import type { GroupChangeBy } from './create-customer-group.ts';

export async function updateCustomerGroup(
  em: EntityManager,
  by: GroupChangeBy,
  id: string,
  patch: { name?: string; description?: string | null },
): Promise<GroupView> {
  return em.transactional(async (tx) => {
    const g = await findGroup(tx, id, 'update');
    const before = await groupView(tx, g);
    if (patch.name !== undefined) g.name = patch.name.trim();
    if (patch.description !== undefined) g.description = patch.description;
    await flushGroup(tx, g.name);
    const after = await groupView(tx, g);
    await recordAudit(by.publish, tx, by.actor, {
      action: 'customerGroup.update',
      resourceType: 'customerGroup',
      resourceId: id,
      before,
      after,
    });
    return after;
  });
}
