// Pricing's projection of the catalog, fed by the product module's events: a snapshot replaces the
// local copy unless an equal or newer version is held; a variant that disappears takes its prices
// with it, and its published shelf prices become null.
import type { EntityManager } from '../../../platform/db/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';
import { deleteVariantsOfProduct, storeProductVersion, upsertVariants } from '../entities/catalog.data.ts';
import { dropPricesOfVariants } from './drop-prices-of-variants.ts';
import type { Publish } from './republish-shelf-prices.ts';

/** Applies a product snapshot (created or updated); false when an equal or newer version is held. */
export async function applyProductSnapshot(
  em: EntityManager,
  publish: Publish,
  snap: ProductSnapshot,
): Promise<boolean> {
  const stored = await storeProductVersion(em, {
    productId: snap.productId,
    version: snap.version,
    deleted: false,
    categoryIds: snap.categoryIds,
    collectionIds: snap.collectionIds,
  });
  if (!stored) return false;
  const removed = await deleteVariantsOfProduct(
    em,
    snap.productId,
    snap.variants.map((v) => v.variantId),
  );
  await upsertVariants(em, snap.productId, snap.categoryIds, snap.variants);
  await dropPricesOfVariants(em, publish, removed);
  return true;
}
