import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { ProductDeleted } from '../contract.ts';
import { ListingPrice } from '../entities/listing-price.entity.ts';
import { Product } from '../entities/product.entity.ts';
import { SearchPosting } from '../entities/search-posting.entity.ts';
import { Variant } from '../entities/variant.entity.ts';
import { productRuntime } from '../runtime.ts';
import { lockProduct, publishProductEvent } from './product-writes.ts';

/** Deletes a product with its options, variants, images and links (they cascade); publishes product.deleted. */
export async function deleteProduct(platform: Platform, em: EntityManager, id: string): Promise<void> {
  const before = await em.transactional(async (tx) => {
    const product = await lockProduct(tx, id);
    const linked = await productRuntime().listingScopeBefore(tx, [id]);
    const variantIds = (await tx.find(Variant, { productId: id }, { fields: ['id'] })).map((v) => v.id);
    await tx.nativeDelete(ListingPrice, { productId: id });
    await tx.nativeDelete(SearchPosting, { productId: id });
    await tx.nativeDelete(Product, { id });
    await publishProductEvent(platform)(tx, ProductDeleted, {
      productId: id,
      version: product.version + 1,
      variantIds,
    });
    return linked;
  });
  await productRuntime().refreshCacheAndSearch([id], undefined, before);
}
