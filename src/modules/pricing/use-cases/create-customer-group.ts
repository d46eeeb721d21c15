import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { flushGroup, groupView, type GroupView } from '../entities/customer-group.data.ts';
import { CustomerGroup } from '../entities/customer-group.entity.ts';
import type { Publish } from './republish-shelf-prices.ts';

/** Who changes a customer group, for the audit log (membership decides who gets a group's prices). */
export interface GroupChangeBy {
  publish: Publish;
  actor: Actor;
}

export async function createCustomerGroup(
  em: EntityManager,
  by: GroupChangeBy,
  input: { name: string; description?: string | null },
): Promise<GroupView> {
  return em.transactional(async (tx) => {
    const g = tx.create(CustomerGroup, { name: input.name.trim(), description: input.description ?? null });
    await flushGroup(tx, g.name);
    const after = await groupView(tx, g);
    await recordAudit(by.publish, tx, by.actor, {
      action: 'customerGroup.create',
      resourceType: 'customerGroup',
      resourceId: g.id,
      before: null,
      after,
    });
    return after;
  });
}
