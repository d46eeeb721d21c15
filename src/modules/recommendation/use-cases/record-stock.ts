import type { EntityManager } from '../../../platform/db/index.ts';

/** Projects a variant's stock; a change older than the one held (by sequence) is ignored. */
export async function recordStock(
  em: EntityManager,
  s: { variantId: string; inStock: boolean; sequence: number },
): Promise<void> {
  await em.execute(
    `insert into recommendation.variants (variant_id, in_stock, stock_sequence) values (?, ?, ?)
     on conflict (variant_id) do update set in_stock = excluded.in_stock, stock_sequence = excluded.stock_sequence
     where recommendation.variants.stock_sequence < excluded.stock_sequence`,
    [s.variantId, s.inStock, s.sequence],
    'run',
  );
}
