import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { StockChanged } from '../contract.ts';
import { inventoryDb } from '../entities/inventory-db.ts';
import type { PublishAll } from './stock-context.ts';

/**
 * Publishes inventory.stock_changed for each variant, in the caller's transaction, after its stock
 * rows were changed. The per-variant counter is bumped in the same UPDATE that reads it, and the
 * row stays locked until commit, so a higher sequence always describes a later state.
 */
export async function publishStockChanged(
  em: EntityManager,
  publishAll: PublishAll,
  variantIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(variantIds)].sort();
  if (!ids.length) return;
  const rows = await inventoryDb(em)
    .with('bumped', (db) =>
      db
        .updateTable('inventory.variants')
        .set((eb) => ({ sequence: eb('sequence', '+', 1), updated_at: sql`now()` }))
        .where('variant_id', '=', sql<string>`any(${ids}::uuid[])`)
        .returning(['variant_id', 'sequence']),
    )
    .selectFrom('bumped as b')
    .select([
      'b.variant_id',
      'b.sequence',
      sql<number>`coalesce((select sum(l.on_hand - l.reserved) from inventory.stock_levels l
        where l.variant_id = b.variant_id), 0)::int`.as('available'),
    ])
    .orderBy('b.variant_id')
    .execute();
  await publishAll(
    em,
    StockChanged,
    rows.map((r) => ({
      variantId: r.variant_id,
      available: r.available,
      inStock: r.available > 0,
      sequence: r.sequence,
    })),
  );
}
