import type { EntityManager } from '../../../platform/db/index.ts';
import { pairsOfVariants } from '../entities/shelf-price.data.ts';
import { Price } from '../entities/price.entity.ts';
import { PriceListPrice } from '../entities/price-list.entity.ts';
import { republishShelfPrices, type Publish } from './republish-shelf-prices.ts';

/** Deletes every price of variants that are gone and publishes their shelf prices as null. */
export async function dropPricesOfVariants(em: EntityManager, publish: Publish, variantIds: string[]): Promise<void> {
  if (variantIds.length === 0) return;
  const pairs = await pairsOfVariants(em, variantIds);
  await em.nativeDelete(Price, { variantId: { $in: variantIds } });
  await em.nativeDelete(PriceListPrice, { variantId: { $in: variantIds } });
  await republishShelfPrices(em, publish, pairs);
}
