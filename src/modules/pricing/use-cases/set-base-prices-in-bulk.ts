import type { Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Money } from '../domain/per-currency.ts';
import type { Publish } from './republish-shelf-prices.ts';
import { setBasePrices } from './set-base-prices.ts';

/** Replaces the base prices of many variants (an import), all or none. */
export async function setBasePricesInBulk(
  em: EntityManager,
  publish: Publish,
  items: readonly { variantId: string; prices: Money[] }[],
  actor: Actor,
): Promise<{ updated: number }> {
  await em.transactional(async (tx) => {
    for (const item of items) await setBasePrices(tx, publish, item.variantId, item.prices, actor);
  });
  return { updated: items.length };
}
