// Pricing's copy of the catalog: the product and variant rows, written from the product module's
// snapshots. A snapshot or a deletion applies only over an older version.
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { CatalogVariant } from './catalog.entity.ts';
import { jsonb, pricingDb } from './pricing-db.ts';

export interface VariantRow {
  variantId: string;
  sku: string;
  title: string;
}

/**
 * Stores a product's version with its categories (a snapshot) or as deleted (a tombstone, which keeps
 * the categories it had), unless an equal or newer version is held; true when stored.
 */
export async function storeProductVersion(
  em: EntityManager,
  product: { productId: string; version: number } & (
    { deleted: true } | { deleted: false; categoryIds: string[]; collectionIds: string[] }
  ),
): Promise<boolean> {
  const lists = product.deleted
    ? {}
    : { category_ids: jsonb(product.categoryIds), collection_ids: jsonb(product.collectionIds) };
  const stored = await pricingDb(em)
    .insertInto('products')
    .values({
      product_id: product.productId,
      version: product.version,
      deleted: product.deleted,
      ...lists,
      updated_at: new Date(),
    })
    .onConflict((oc) =>
      oc
        .column('product_id')
        .doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          deleted: eb.ref('excluded.deleted'),
          ...(product.deleted
            ? {}
            : { category_ids: eb.ref('excluded.category_ids'), collection_ids: eb.ref('excluded.collection_ids') }),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('products.version', '<', (eb) => eb.ref('excluded.version')),
    )
    .returning('product_id')
    .execute();
  return stored.length > 0;
}

/** Deletes a product's variants other than `keep`; returns the ids deleted. */
export async function deleteVariantsOfProduct(
  em: EntityManager,
  productId: string,
  keep: readonly string[],
): Promise<string[]> {
  let del = pricingDb(em).deleteFrom('variants').where('product_id', '=', productId);
  if (keep.length) del = del.where('variant_id', 'not in', [...keep]);
  return (await del.returning('variant_id').execute()).map((r) => r.variant_id);
}

/** Deletes the given variants and every variant of a product; returns the ids deleted. */
export async function deleteVariants(em: EntityManager, productId: string, variantIds: readonly string[]) {
  const rows = await pricingDb(em)
    .deleteFrom('variants')
    .where((eb) =>
      variantIds.length
        ? eb.or([eb('product_id', '=', productId), eb('variant_id', 'in', [...variantIds])])
        : eb('product_id', '=', productId),
    )
    .returning('variant_id')
    .execute();
  return rows.map((r) => r.variant_id);
}

export async function upsertVariants(
  em: EntityManager,
  productId: string,
  categoryIds: readonly string[],
  variants: readonly VariantRow[],
): Promise<void> {
  if (!variants.length) return;
  const categories = jsonb([...categoryIds]);
  const now = new Date();
  await pricingDb(em)
    .insertInto('variants')
    .values(
      variants.map((v) => ({
        variant_id: v.variantId,
        product_id: productId,
        sku: v.sku,
        title: v.title,
        category_ids: categories,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.column('variant_id').doUpdateSet((eb) => ({
        product_id: eb.ref('excluded.product_id'),
        sku: eb.ref('excluded.sku'),
        title: eb.ref('excluded.title'),
        category_ids: eb.ref('excluded.category_ids'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Locks the variants (FOR SHARE: a concurrent removal waits) and returns the ids that are unknown. */
export async function missingVariants(em: EntityManager, variantIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(variantIds)];
  if (unique.length === 0) return [];
  const found = await query<{ variant_id: string }>(
    em,
    'select variant_id from pricing.variants where variant_id = any($1::uuid[]) for share',
    [unique],
  );
  const known = new Set(found.map((r) => r.variant_id));
  return unique.filter((id) => !known.has(id));
}

export const findVariant = (em: EntityManager, variantId: string) => em.findOne(CatalogVariant, { variantId });
