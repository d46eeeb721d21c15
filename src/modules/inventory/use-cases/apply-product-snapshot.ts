import { sql } from 'kysely';
import { execute } from '../../../platform/db/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';
import { StockChanged } from '../contract.ts';
import { InventoryVariant } from '../entities/catalog.entity.ts';
import { inventoryDb } from '../entities/inventory-db.ts';
import { StockLocation } from '../entities/location.entity.ts';
import { StockLevel } from '../entities/stock-level.entity.ts';
import type { StockContext } from './stock-context.ts';

/**
 * Keeps the local copy of a product's variants. A variant seen for the first time gets a stock
 * record (on hand 0) at the default location and a stock_changed event; a variant missing from the
 * snapshot is marked deleted (its history stays). A snapshot not newer than the one applied (or of
 * a deleted product) changes nothing.
 */
export async function applyProductSnapshot({ em, publishAll }: StockContext, snap: ProductSnapshot): Promise<void> {
  // One conditional upsert decides, and its row lock orders concurrent snapshots of one product.
  const fresh = await inventoryDb(em)
    .insertInto('inventory.products')
    .values({ product_id: snap.productId, version: snap.version })
    .onConflict((oc) =>
      oc
        .column('product_id')
        .doUpdateSet({ version: (eb) => eb.ref('excluded.version'), updated_at: sql`now()` })
        .where((eb) =>
          eb.and([
            eb('inventory.products.version', '<', eb.ref('excluded.version')),
            eb('inventory.products.deleted_at', 'is', null),
          ]),
        ),
    )
    .returning('product_id')
    .executeTakeFirst();
  if (!fresh) return;

  const ids = snap.variants.map((v) => v.variantId);
  // Lock order as everywhere else: variant rows by id.
  const known = await execute<{ variant_id: string; product_id: string }>(
    em,
    `select variant_id, product_id from inventory.variants
     where product_id = ? or variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
     order by variant_id for update`,
    [snap.productId, JSON.stringify(ids)],
  );
  const knownIds = new Set(known.map((k) => k.variant_id));
  const added = snap.variants.filter((v) => !knownIds.has(v.variantId));
  const kept = snap.variants.filter((v) => knownIds.has(v.variantId));
  const removed = known
    .filter((k) => k.product_id === snap.productId && !ids.includes(k.variant_id))
    .map((k) => k.variant_id);
  const now = new Date();

  if (kept.length) {
    const rows = JSON.stringify(kept.map((v) => ({ variant_id: v.variantId, sku: v.sku, title: v.title })));
    await inventoryDb(em)
      .with(
        'x',
        () => sql<{ variant_id: string; sku: string; title: string }>`(select * from jsonb_to_recordset(${rows}::jsonb)
          as x(variant_id uuid, sku text, title text))`,
      )
      .updateTable('inventory.variants as v')
      .from('x')
      .set((eb) => ({
        product_id: snap.productId,
        sku: eb.ref('x.sku'),
        title: eb.ref('x.title'),
        deleted_at: null,
        updated_at: sql`now()`,
      }))
      .whereRef('v.variant_id', '=', 'x.variant_id')
      .execute();
  }
  if (removed.length) {
    await em.nativeUpdate(
      InventoryVariant,
      { variantId: { $in: removed }, deletedAt: null },
      { deletedAt: now, updatedAt: now },
    );
  }
  if (added.length) {
    const home = await em.findOneOrFail(StockLocation, { isDefault: true }, { fields: ['id'] });
    const sorted = [...added].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
    await em.insertMany(
      InventoryVariant,
      sorted.map((v) => ({
        variantId: v.variantId,
        productId: snap.productId,
        sku: v.sku,
        title: v.title,
        sequence: 1,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await em.insertMany(
      StockLevel,
      sorted.map((v) => ({ variantId: v.variantId, locationId: home.id, updatedAt: now })),
    );
    await publishAll(
      em,
      StockChanged,
      added.map((v) => ({ variantId: v.variantId, available: 0, inStock: false, sequence: 1 })),
    );
  }
}
