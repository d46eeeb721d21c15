import type { EntityManager } from '../../../platform/db/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';
import { RecProduct, RecVariant } from '../entities/catalog.entity.ts';
import { jsonb, recommendationDb } from '../entities/db.ts';
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
  await recommendationDb(em)
    .insertInto('recommendation.products')
    .values({
      product_id: p.productId,
      version: p.version,
      published: p.status === 'published',
      category_ids: jsonb(p.categoryIds),
      options: jsonb(options),
    })
    .onConflict((oc) =>
      oc
        .column('product_id')
        .doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          published: eb.ref('excluded.published'),
          category_ids: eb.ref('excluded.category_ids'),
          options: eb.ref('excluded.options'),
        }))
        .where((eb) => eb('recommendation.products.version', '<', eb.ref('excluded.version')))
        .where('recommendation.products.deleted', '=', false),
    )
    .execute();
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
