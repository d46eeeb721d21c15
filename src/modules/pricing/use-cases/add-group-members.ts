import { recordAudit } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { findGroup } from '../entities/customer-group.data.ts';
import { pricingDb } from '../entities/pricing-db.ts';
import type { GroupChangeBy } from './create-customer-group.ts';

/** Adds customers (ids of the user module) to a group; adding one twice is a no-op. */
export async function addGroupMembers(
  em: EntityManager,
  by: GroupChangeBy,
  id: string,
  customerIds: readonly string[],
): Promise<{ added: number }> {
  return em.transactional(async (tx) => {
    await findGroup(tx, id, 'share');
    const now = new Date();
    const rows = await pricingDb(tx)
      .insertInto('customer_group_members')
      .values([...new Set(customerIds)].map((customerId) => ({ group_id: id, customer_id: customerId, added_at: now })))
      .onConflict((oc) => oc.doNothing())
      .returning('customer_id')
      .execute();
    const added = rows.map((r) => r.customer_id);
    if (added.length)
      await recordAudit(by.publish, tx, by.actor, {
        action: 'customerGroup.addMembers',
        resourceType: 'customerGroup',
        resourceId: id,
        before: null,
        after: { added },
      });
    return { added: rows.length };
  });
}
