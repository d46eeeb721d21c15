import type { EntityManager } from '../../../platform/db/index.ts';
import { recommendationDb } from '../entities/db.ts';
import { refreshProductFacts } from '../entities/product-facts.ts';

export interface StockFact {
  variantId: string;
  inStock: boolean;
  sequence: number;
}

/**
 * Projects variants' stock; a change older than the one held (by sequence) is ignored, so the
 * newest per variant of a batch is all that counts. Variants, then their products, are locked in
 * id order (entities/product-facts.ts); only the products of variants that changed are refreshed.
 */
export async function recordStocks(em: EntityManager, changes: StockFact[]): Promise<void> {
  const newest = new Map<string, StockFact>();
  for (const c of changes)
    if (!((newest.get(c.variantId)?.sequence ?? -Infinity) >= c.sequence)) newest.set(c.variantId, c);
  if (!newest.size) return;
  const rows = [...newest.values()].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
  const changed = await recommendationDb(em)
    .insertInto('recommendation.variants')
    .values(rows.map((s) => ({ variant_id: s.variantId, in_stock: s.inStock, stock_sequence: s.sequence })))
    .onConflict((oc) =>
      oc
        .column('variant_id')
        .doUpdateSet((eb) => ({
          in_stock: eb.ref('excluded.in_stock'),
          stock_sequence: eb.ref('excluded.stock_sequence'),
        }))
        .where((eb) => eb('recommendation.variants.stock_sequence', '<', eb.ref('excluded.stock_sequence'))),
    )
    .returning('product_id')
    .execute();
  await refreshProductFacts(
    em,
    changed.flatMap((r) => (r.product_id ? [r.product_id] : [])),
  );
}

/** One variant's stock change (a batch of one). */
export const recordStock = (em: EntityManager, change: StockFact) => recordStocks(em, [change]);
