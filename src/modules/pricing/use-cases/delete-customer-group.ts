import type { EntityManager } from '../../../platform/db/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { findGroup } from '../entities/customer-group.data.ts';
import { CustomerGroup } from '../entities/customer-group.entity.ts';
import { PriceList } from '../entities/price-list.entity.ts';

/** A group that price lists are limited to cannot go: deleting it would turn their prices public. */
export async function deleteCustomerGroup(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    await findGroup(tx, id, 'update');
    const n = await tx.count(PriceList, { customerGroupId: id });
    if (n > 0)
      throw new Conflict(
        `The customer group is used by ${n} price list(s); delete them or move them to another group first`,
      );
    await tx.nativeDelete(CustomerGroup, { id });
  });
}
