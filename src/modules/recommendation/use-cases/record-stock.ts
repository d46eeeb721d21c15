import type { EntityManager } from '../../../platform/db/index.ts';
import { refreshProductFacts } from '../entities/product-facts.ts';

/** Projects a variant's stock; a change older than the one held (by sequence) is ignored. */
export async function recordStock(
  em: EntityManager,
  s: { variantId: string; inStock: boolean; sequence: number },
): Promise<void> {
  const [changed] = await em.execute<{ product_id: string | null }[]>(
    `insert into recommendation.variants (variant_id, in_stock, stock_sequence) values (?, ?, ?)
     on conflict (variant_id) do update set in_stock = excluded.in_stock, stock_sequence = excluded.stock_sequence
     where recommendation.variants.stock_sequence < excluded.stock_sequence returning product_id`,
    [s.variantId, s.inStock, s.sequence],
    'all',
  );
  if (changed?.product_id) await refreshProductFacts(em, changed.product_id);
}
