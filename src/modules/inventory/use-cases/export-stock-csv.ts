import { csvLine } from '../../../platform/csv/index.ts';
import { query, type EntityManager } from '../../../platform/db/index.ts';

/** The columns of a stock file (ADR 0032): one row per variant and location. */
export const STOCK_COLUMNS = ['sku', 'location', 'on_hand'] as const;

/** Stock per variant (live ones) and location as CSV, by SKU then location code: what an import takes back. */
export async function exportStockCsv(em: EntityManager): Promise<string> {
  const rows = await query<{ sku: string; code: string; on_hand: number }>(
    em,
    `select v.sku, l.code, s.on_hand from inventory.stock_levels s
       join inventory.variants v on v.variant_id = s.variant_id and v.deleted_at is null
       join inventory.stock_locations l on l.id = s.location_id
     order by v.sku, lower(l.code)`,
  );
  return csvLine([...STOCK_COLUMNS]) + rows.map((r) => csvLine([r.sku, r.code, r.on_hand])).join('');
}
