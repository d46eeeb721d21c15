import type { EntityManager } from '../../../platform/db/index.ts';
import type { PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductDeleted } from '../../product/contract.ts';
import { deleteVariants, storeProductVersion } from '../entities/catalog.data.ts';
import { dropPricesOfVariants } from './drop-prices-of-variants.ts';
import type { Publish } from './republish-shelf-prices.ts';

/** Applies a deletion: a tombstone at its version (so a late, older snapshot cannot revive it). */
export async function applyProductDeletion(
  em: EntityManager,
  publish: Publish,
  e: PayloadOf<typeof ProductDeleted>,
): Promise<boolean> {
  const stored = await storeProductVersion(em, { productId: e.productId, version: e.version, deleted: true });
  if (!stored) return false;
  const removed = await deleteVariants(em, e.productId, e.variantIds);
  await dropPricesOfVariants(em, publish, [...new Set([...removed, ...e.variantIds])]);
  return true;
}
