import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';
import { analyticsDb } from '../entities/analytics-db.ts';

/**
 * Keeps the newest snapshot of each product (by `version`: an older one arriving late changes
 * nothing) and which product each variant belongs to. A variant removed from a product keeps its
 * row: its past sales still belong to that product.
 */
export async function saveProducts(em: EntityManager, snapshots: ProductSnapshot[]): Promise<void> {
  const newest = new Map<string, ProductSnapshot>();
  for (const s of snapshots) {
    const held = newest.get(s.productId);
    if (!held || held.version < s.version) newest.set(s.productId, s);
  }
  const products = [...newest.values()].sort((a, b) => (a.productId < b.productId ? -1 : 1));
  if (!products.length) return;
  const db = analyticsDb(em);
  await db
    .insertInto('analytics.products')
    .values(
      products.map((p) => ({
        product_id: p.productId,
        version: p.version,
        title: p.title,
        // (an array would go out as a Postgres array: send the JSON text, cast)
        category_ids: sql<string[]>`${JSON.stringify(p.categoryIds)}::jsonb`,
      })),
    )
    .onConflict((oc) =>
      oc
        .column('product_id')
        .doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          title: eb.ref('excluded.title'),
          category_ids: eb.ref('excluded.category_ids'),
        }))
        .where(sql.ref('analytics.products.version'), '<', sql.ref('excluded.version')),
    )
    .execute();
  const variants = products
    .flatMap((p) => p.variants.map((v) => ({ variant_id: v.variantId, product_id: p.productId })))
    .sort((a, b) => (a.variant_id < b.variant_id ? -1 : 1));
  if (variants.length)
    await db
      .insertInto('analytics.variants')
      .values(variants)
      .onConflict((oc) => oc.column('variant_id').doUpdateSet((eb) => ({ product_id: eb.ref('excluded.product_id') })))
      .execute();
}
