import type { EntityManager } from '../../../platform/db/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';
import { CatalogVariant } from '../entities/purchase.entity.ts';

/**
 * Which product each variant belongs to, for verified purchases (orders name variants, reviews
 * products). A variant never moves to another product, so rows are only added: order-independent.
 */
export async function recordCatalogVariants(em: EntityManager, p: ProductSnapshot): Promise<void> {
  if (!p.variants.length) return;
  await em
    .qb(CatalogVariant)
    .insert(p.variants.map((v) => ({ variantId: v.variantId, productId: p.productId })))
    .onConflict('variantId')
    .ignore()
    .execute('run');
}
