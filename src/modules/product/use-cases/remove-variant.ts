import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { Variant } from '../entities/variant.entity.ts';
import { productRuntime } from '../runtime.ts';
import { afterProductChange, lockProduct } from './product-writes.ts';

/** Removes a variant, never the last one (that is deleting the product); publishes product.updated. */
export async function removeVariant(
  platform: Platform,
  em: EntityManager,
  productId: string,
  variantId: string,
): Promise<void> {
  await em.transactional(async (tx) => {
    const product = await lockProduct(tx, productId);
    const count = await tx.count(Variant, { productId });
    const removed = await tx.nativeDelete(Variant, { id: variantId, productId });
    if (!removed) throw new NotFound('Variant');
    if (count <= 1) throw new Conflict('A product keeps at least one variant; delete the product instead');
    await afterProductChange(platform, tx, product);
  });
  await productRuntime().refreshCacheAndSearch([productId]);
}
