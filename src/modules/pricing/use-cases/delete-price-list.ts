import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { pairsOfList } from '../entities/price-list.data.ts';
import { PriceList } from '../entities/price-list.entity.ts';
import { republishShelfPrices, type Publish } from './republish-shelf-prices.ts';

/** Deletes a list (its prices go with it) and republishes the shelf prices it was part of. */
export async function deletePriceList(
  em: EntityManager,
  deps: { publish: Publish; actor: Actor },
  id: string,
): Promise<void> {
  await em.transactional(async (tx) => {
    const list = await tx.findOne(PriceList, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, fields: ['id'] });
    if (!list) throw new NotFound('Price list');
    const before = await pairsOfList(tx, id);
    await tx.nativeDelete(PriceList, { id });
    await republishShelfPrices(tx, deps.publish, before);
    await recordAudit(deps.publish, tx, deps.actor, {
      action: 'priceList.delete',
      resourceType: 'priceList',
      resourceId: id,
      before: { prices: before },
      after: null,
    });
  });
}
