import { query, type EntityManager } from '../../../platform/db/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';

/**
 * Which product each variant belongs to, for verified purchases (orders name variants, reviews
 * products). A variant never moves to another product, so rows are only added: order-independent.
 */
export async function recordCatalogVariants(em: EntityManager, p: ProductSnapshot): Promise<void> {
  if (!p.variants.length) return;
  await query(
    em,
    `insert into review.catalog_variants (variant_id, product_id)
     select v, $1 from unnest($2::uuid[]) v on conflict do nothing`,
    [p.productId, p.variants.map((v) => v.variantId)],
  );
}
