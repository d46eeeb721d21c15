import type { EntityManager } from '../../../platform/db/index.ts';
import { recommendationDb } from '../entities/db.ts';
import { refreshProductFacts } from '../entities/product-facts.ts';

/** Projects a variant's stock; a change older than the one held (by sequence) is ignored. */
export async function recordStock(
  em: EntityManager,
  s: { variantId: string; inStock: boolean; sequence: number },
): Promise<void> {
  const changed = await recommendationDb(em)
    .insertInto('recommendation.variants')
    .values({ variant_id: s.variantId, in_stock: s.inStock, stock_sequence: s.sequence })
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
    .executeTakeFirst();
  if (changed?.product_id) await refreshProductFacts(em, changed.product_id);
}
