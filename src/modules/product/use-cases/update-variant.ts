import type { Static } from 'typebox';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { Variant } from '../entities/variant.entity.ts';
import type { VariantPatch } from '../routes/schemas.ts';
import { productRuntime } from '../runtime.ts';
import { checkSkusFree } from './catalog-checks.ts';
import { afterProductChange, lockProduct } from './product-writes.ts';

/** Changes a variant's SKU, title or weight; publishes product.updated. */
export async function updateVariant(
  platform: Platform,
  em: EntityManager,
  productId: string,
  variantId: string,
  patch: Static<typeof VariantPatch>,
): Promise<void> {
  await em.transactional(async (tx) => {
    const product = await lockProduct(tx, productId);
    const variant = await tx.findOne(Variant, { id: variantId, productId });
    if (!variant) throw new NotFound('Variant');
    if (patch.sku !== undefined && patch.sku !== variant.sku) await checkSkusFree(tx, [patch.sku], [variantId]);
    tx.assign(variant, patch);
    await afterProductChange(platform, tx, product);
  });
  await productRuntime().refreshCacheAndSearch([productId]);
}
