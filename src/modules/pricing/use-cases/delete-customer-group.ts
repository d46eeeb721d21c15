import { recordAudit } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { findGroup, groupView } from '../entities/customer-group.data.ts';
import { CustomerGroup } from '../entities/customer-group.entity.ts';
import { PriceList } from '../entities/price-list.entity.ts';
import type { GroupChangeBy } from './create-customer-group.ts';

/** A group that price lists are limited to cannot go: deleting it would turn their prices public. */
export async function deleteCustomerGroup(em: EntityManager, by: GroupChangeBy, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const g = await findGroup(tx, id, 'update');
    const n = await tx.count(PriceList, { customerGroupId: id });
    if (n > 0)
      throw new Conflict(
        `The customer group is used by ${n} price list(s); delete them or move them to another group first`,
      );
    const before = await groupView(tx, g);
    await tx.nativeDelete(CustomerGroup, { id });
    await recordAudit(by.publish, tx, by.actor, {
      action: 'customerGroup.delete',
      resourceType: 'customerGroup',
      resourceId: id,
      before,
      after: null,
    });
  });
}
