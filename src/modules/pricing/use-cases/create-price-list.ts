import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { EventBus } from '../../../platform/bus/index.ts';
import { assertUniquePrices, assertWindow, parseDate, type PriceListInput } from '../domain/price-list.ts';
import { assertListReferences, priceListDetail, replaceListPrices } from '../entities/price-list.data.ts';
import { PriceList } from '../entities/price-list.entity.ts';
import { republishShelfPrices, type Publish } from './republish-shelf-prices.ts';
import { schedulePriceListBoundaries } from './schedule-price-list-boundaries.ts';

/** What changing a price list needs: publish (shelf prices) and schedule (sale boundaries). */
export interface PriceListDeps {
  publish: Publish;
  bus: EventBus;
  /** Who makes the change (audited). */
  actor: Actor;
}

export async function createPriceList(em: EntityManager, deps: PriceListDeps, input: PriceListInput) {
  const startsAt = parseDate(input.startsAt);
  const endsAt = parseDate(input.endsAt);
  assertWindow(startsAt, endsAt);
  assertUniquePrices(input.prices);
  return em.transactional(async (tx) => {
    await assertListReferences(tx, input.customerGroupId, input.prices);
    const list = tx.create(PriceList, {
      name: input.name.trim(),
      description: input.description ?? null,
      customerGroupId: input.customerGroupId ?? null,
      startsAt,
      endsAt,
    });
    await tx.flush();
    await replaceListPrices(tx, list.id, input.prices);
    await schedulePriceListBoundaries(tx, deps.bus, list);
    await republishShelfPrices(tx, deps.publish, input.prices);
    const after = await priceListDetail(tx, list);
    await recordAudit(deps.publish, tx, deps.actor, {
      action: 'priceList.create',
      resourceType: 'priceList',
      resourceId: list.id,
      before: null,
      after,
    });
    return after;
  });
}
