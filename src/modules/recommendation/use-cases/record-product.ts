import type { EntityManager } from '../../../platform/db/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';
import { RecProduct, RecVariant } from '../entities/catalog.entity.ts';
import { jsonb, recommendationDb } from '../entities/db.ts';
import { refreshProductFacts, sortedUnique } from '../entities/product-facts.ts';

/**
 * Projects product announcements; an older version than the one held is ignored, so the newest per
 * product of a batch is all that counts (variants are only ever added to a product here, so every
 * announcement's variants are written). Variants are written before the products are locked, each
 * in id order (the order every handler here keeps: entities/product-facts.ts), then the products'
 * stock flags and price ranges are recomputed from them.
 */
export async function recordProducts(em: EntityManager, snapshots: ProductSnapshot[]): Promise<void> {
  const newest = new Map<string, ProductSnapshot>();
  const variants = new Map<string, string>();
  for (const p of snapshots) {
    if (!((newest.get(p.productId)?.version ?? -Infinity) >= p.version)) newest.set(p.productId, p);
    for (const v of p.variants) variants.set(v.variantId, p.productId);
  }
  if (variants.size)
    await em
      .qb(RecVariant)
      .insert(sortedUnique(variants.keys()).map((variantId) => ({ variantId, productId: variants.get(variantId) })))
      .onConflict('variantId')
      .merge(['productId'])
      .execute('run');
  const products = [...newest.values()].sort((a, b) => (a.productId < b.productId ? -1 : 1));
  if (!products.length) return;
  await recommendationDb(em)
    .insertInto('recommendation.products')
    .values(
      products.map((p) => ({
        product_id: p.productId,
        version: p.version,
        published: p.status === 'published',
        category_ids: jsonb(p.categoryIds),
        options: jsonb(optionsOf(p)),
      })),
    )
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
  await refreshProductFacts(
    em,
    products.map((p) => p.productId),
  );
}

/** One product announcement (a batch of one). */
export const recordProduct = (em: EntityManager, p: ProductSnapshot) => recordProducts(em, [p]);

/** Every variant option of a product as "name=value", for "similar products". */
const optionsOf = (p: ProductSnapshot) => [
  ...new Set(p.variants.flatMap((v) => Object.entries(v.options).map(([k, val]) => `${k}=${val}`))),
];

/** A deleted product is never recommended again, whatever arrives after. */
export async function recordProductDeleted(em: EntityManager, productId: string, version: number): Promise<void> {
  await em
    .qb(RecProduct)
    .insert({ productId, version, published: false, deleted: true, categoryIds: [], options: [] })
    .onConflict('productId')
    .merge(['deleted', 'published', 'version'])
    .execute('run');
}
