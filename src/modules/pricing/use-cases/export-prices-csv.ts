import { csvLine } from '../../../platform/csv/index.ts';
import { query, type EntityManager } from '../../../platform/db/index.ts';

/** The columns of a price file (ADR 0032): one row per variant and currency, amounts in minor units. */
export const PRICE_COLUMNS = ['sku', 'currency', 'amount'] as const;

/** Every base price as CSV, by SKU then currency: what an import takes back unchanged. */
export async function exportPricesCsv(em: EntityManager): Promise<string> {
  const rows = await query<{ sku: string; currency: string; amount: number }>(
    em,
    `select v.sku, p.currency, p.amount from pricing.prices p
       join pricing.variants v on v.variant_id = p.variant_id
     order by v.sku, p.currency`,
  );
  return csvLine([...PRICE_COLUMNS]) + rows.map((r) => csvLine([r.sku, r.currency, r.amount])).join('');
}
