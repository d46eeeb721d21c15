import { execute } from '../../platform/db/index.ts';
import type { EntityManager } from '../../platform/db/index.ts';
import { StockChanged } from './contract.ts';
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
  const rows = await execute<{ variant_id: string; sequence: number; available: number }>(
    em,
    `with bumped as (
       update inventory.variants set sequence = sequence + 1, updated_at = now()
       where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
       returning variant_id, sequence)
     select b.variant_id, b.sequence,
       coalesce((select sum(l.on_hand - l.reserved) from inventory.stock_levels l where l.variant_id = b.variant_id), 0)::int as available
     from bumped b order by b.variant_id`,
    [JSON.stringify(ids)],
  );
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
