import { recordAudit } from '../../../platform/auth/audit.ts';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { assertUniquePrices, assertWindow, parseDate, type PriceListPatch } from '../domain/price-list.ts';
import { assertListReferences, pairsOfList, priceListDetail, replaceListPrices } from '../entities/price-list.data.ts';
import { PriceList } from '../entities/price-list.entity.ts';
import type { PriceListDeps } from './create-price-list.ts';
import { republishShelfPrices } from './republish-shelf-prices.ts';
import { schedulePriceListBoundaries } from './schedule-price-list-boundaries.ts';

/** Changes a list; `prices`, when given, replaces the whole set. Shelf prices before and after are republished. */
export async function updatePriceList(em: EntityManager, deps: PriceListDeps, id: string, patch: PriceListPatch) {
  if (patch.prices) assertUniquePrices(patch.prices);
  return em.transactional(async (tx) => {
    const list = await tx.findOne(PriceList, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!list) throw new NotFound('Price list');
    const startsAt = patch.startsAt !== undefined ? parseDate(patch.startsAt) : list.startsAt;
    const endsAt = patch.endsAt !== undefined ? parseDate(patch.endsAt) : list.endsAt;
    assertWindow(startsAt, endsAt);
    await assertListReferences(tx, patch.customerGroupId, patch.prices);
    const previous = await priceListDetail(tx, list);
    const before = await pairsOfList(tx, id);
    if (patch.name !== undefined) list.name = patch.name.trim();
    if (patch.description !== undefined) list.description = patch.description;
    if (patch.customerGroupId !== undefined) list.customerGroupId = patch.customerGroupId;
    list.startsAt = startsAt;
    list.endsAt = endsAt;
    list.updatedAt = new Date();
    await tx.flush();
    if (patch.prices) await replaceListPrices(tx, id, patch.prices);
    await schedulePriceListBoundaries(tx, deps.bus, list);
    await republishShelfPrices(tx, deps.publish, [...before, ...(patch.prices ?? [])]);
    const after = await priceListDetail(tx, list);
    await recordAudit(deps.publish, tx, deps.actor, {
      action: 'priceList.update',
      resourceType: 'priceList',
      resourceId: id,
      before: previous,
      after,
    });
    return after;
  });
}
