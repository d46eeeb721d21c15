import { sql } from 'kysely';
import { execute, type EntityManager } from '../../../platform/db/index.ts';
import { InventoryVariant } from '../entities/catalog.entity.ts';
import { inventoryDb } from '../entities/inventory-db.ts';

export interface DeletedProduct {
  productId: string;
  version: number;
  variantIds: string[];
}

/** The product and its variants are marked deleted; stock rows and history stay. */
export async function markProductDeleted(em: EntityManager, product: DeletedProduct): Promise<void> {
  // Deletion is final, so it also applies at the version it was last seen with.
  const applied = await inventoryDb(em)
    .insertInto('inventory.products')
    .values({ product_id: product.productId, version: product.version, deleted_at: sql`now()` })
    .onConflict((oc) =>
      oc
        .column('product_id')
        .doUpdateSet({ version: (eb) => eb.ref('excluded.version'), deleted_at: sql`now()`, updated_at: sql`now()` })
        .where((eb) =>
          eb.and([
            eb('inventory.products.version', '<=', eb.ref('excluded.version')),
            eb('inventory.products.deleted_at', 'is', null),
          ]),
        ),
    )
    .returning('product_id')
    .executeTakeFirst();
  if (!applied) return;
  // Locked by id first, like every other writer of these rows, so a concurrent reservation cannot deadlock with us.
  const rows = await execute<{ variant_id: string }>(
    em,
    `select variant_id from inventory.variants
     where (product_id = ? or variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))) and deleted_at is null
     order by variant_id for update`,
    [product.productId, JSON.stringify(product.variantIds)],
  );
  if (!rows.length) return;
  const now = new Date();
  await em.nativeUpdate(
    InventoryVariant,
    { variantId: { $in: rows.map((r) => r.variant_id) } },
    { deletedAt: now, updatedAt: now },
  );
}
