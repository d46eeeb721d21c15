import type { Static } from 'typebox';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { checkVariantOptions, variantTitle } from '../domain/variant-options.ts';
import { ProductOption } from '../entities/product-option.entity.ts';
import { Variant } from '../entities/variant.entity.ts';
import type { VariantIn } from '../routes/schemas.ts';
import { productRuntime } from '../runtime.ts';
import { checkSkusFree } from './catalog-checks.ts';
import { afterProductChange, lockProduct } from './product-writes.ts';

const MAX_VARIANTS = 100;

/** Adds a variant with a combination of option values no other variant has; publishes product.updated. */
export async function addVariant(
  platform: Platform,
  em: EntityManager,
  productId: string,
  input: Static<typeof VariantIn>,
): Promise<string> {
  const variantId = await em.transactional(async (tx) => {
    const product = await lockProduct(tx, productId);
    const options = await tx.find(ProductOption, { productId }, { orderBy: { position: 'asc' } });
    const existing = await tx.find(Variant, { productId });
    if (existing.length >= MAX_VARIANTS) throw new Conflict(`A product holds at most ${MAX_VARIANTS} variants`);
    checkVariantOptions(
      options,
      [input],
      existing.map((v) => ({ sku: v.sku, options: v.options })),
    );
    await checkSkusFree(tx, [input.sku]);
    const variant = tx.create(Variant, {
      productId,
      sku: input.sku,
      title: variantTitle(input, product.title),
      options: input.options ?? {},
      weightGrams: input.weightGrams ?? null,
      position: existing.length,
    });
    await afterProductChange(platform, tx, product);
    return variant.id;
  });
  await productRuntime().refreshCacheAndSearch([productId]);
  return variantId;
}
