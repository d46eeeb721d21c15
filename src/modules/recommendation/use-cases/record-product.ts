import type { EntityManager } from '../../../platform/db/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';
import { RecProduct, RecVariant } from '../entities/catalog.entity.ts';
import { refreshProductFacts } from '../entities/product-facts.ts';

/**
 * Projects a product announcement; an older version than the one held is ignored. Its variants are
 * written before the product row is locked (the order every handler here keeps), then the
 * product's stock flag and price range are recomputed from them.
 */
export async function recordProduct(em: EntityManager, p: ProductSnapshot): Promise<void> {
  const options = [...new Set(p.variants.flatMap((v) => Object.entries(v.options).map(([k, val]) => `${k}=${val}`)))];
  if (p.variants.length)
    await em
      .qb(RecVariant)
      .insert(p.variants.map((v) => ({ variantId: v.variantId, productId: p.productId })))
      .onConflict('variantId')
      .merge(['productId'])
      .execute('run');
  await em.execute(
    `insert into recommendation.products (product_id, version, published, category_ids, options)
     values (?, ?, ?, ?::jsonb, ?::jsonb)
     on conflict (product_id) do update set version = excluded.version, published = excluded.published,
       category_ids = excluded.category_ids, options = excluded.options
     where recommendation.products.version < excluded.version and not recommendation.products.deleted`,
    [p.productId, p.version, p.status === 'published', JSON.stringify(p.categoryIds), JSON.stringify(options)],
    'run',
  );
  await refreshProductFacts(em, p.productId);
}

/** A deleted product is never recommended again, whatever arrives after. */
export async function recordProductDeleted(em: EntityManager, productId: string, version: number): Promise<void> {
  await em
    .qb(RecProduct)
    .insert({ productId, version, published: false, deleted: true, categoryIds: [], options: [] })
    .onConflict('productId')
    .merge(['deleted', 'published', 'version'])
    .execute('run');
}
