import type { Actor } from '../../../platform/auth/audit.ts';
import { CsvCheck, CsvInvalid, readCsvTable, type ImportCounts } from '../../../platform/csv/index.ts';
import { query } from '../../../platform/db/index.ts';
import { MAX_ON_HAND } from '../domain/on-hand.ts';
import { adjustStock, type AdjustStock } from './adjust-stock.ts';
import { STOCK_COLUMNS } from './export-stock-csv.ts';
import type { StockContext } from './stock-context.ts';

/**
 * A stock file (sku, location code, on hand) checked whole, then applied in one transaction as
 * counted figures (`set` adjustments, reason cycle_count), each publishing stock_changed as a
 * single adjustment does. Rows whose figure is already there are left alone (and counted unchanged).
 */
export async function importStockCsv(
  ctx: StockContext,
  text: string,
  opts: { dryRun: boolean; actor: Actor },
): Promise<ImportCounts & { rows: number }> {
  const table = readCsvTable(text, { required: STOCK_COLUMNS });
  if (table.issues.length) throw new CsvInvalid(table.issues);
  return ctx.em.transactional(async (em) => {
    const check = new CsvCheck();
    const skus = [...new Set(table.rows.map((r) => r.get('sku')))];
    const variants = new Map(
      (
        await query<{ sku: string; variant_id: string }>(
          em,
          'select sku, variant_id from inventory.variants where sku = any($1) and deleted_at is null',
          [skus],
        )
      ).map((v) => [v.sku, v.variant_id]),
    );
    const locations = new Map(
      (await query<{ id: string; code: string }>(em, 'select id, code from inventory.stock_locations')).map((l) => [
        l.code.toLowerCase(),
        l.id,
      ]),
    );
    const levels = new Map(
      (
        await query<{ variant_id: string; location_id: string; on_hand: number; reserved: number }>(
          em,
          'select variant_id, location_id, on_hand, reserved from inventory.stock_levels where variant_id = any($1)',
          [[...variants.values()]],
        )
      ).map((l) => [`${l.variant_id}@${l.location_id}`, l]),
    );
    const seen = new Map<string, number>();
    const changes: AdjustStock[] = [];
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const row of table.rows) {
      const sku = check.text(row, 'sku', { required: true, max: 100 });
      const variantId = sku === undefined ? undefined : variants.get(sku);
      if (sku !== undefined && !variantId) check.fail(row.line, 'sku', `no variant has SKU ${sku}`);
      const code = check.text(row, 'location', { required: true, max: 64 });
      const locationId = code === undefined ? undefined : locations.get(code.toLowerCase());
      if (code !== undefined && !locationId) check.fail(row.line, 'location', `no stock location has code ${code}`);
      const onHand = check.integer(row, 'on_hand', { required: true, min: 0, max: MAX_ON_HAND });
      if (!variantId || !locationId || onHand === undefined) continue;
      if (!check.unique(seen, `${variantId}@${locationId}`, row.line, 'location', 'this SKU and location are'))
        continue;
      const level = levels.get(`${variantId}@${locationId}`);
      if (level && onHand < level.reserved) {
        check.fail(row.line, 'on_hand', `${level.reserved} are reserved there: on hand cannot be less`);
        continue;
      }
      if (level?.on_hand === onHand) counts.unchanged++;
      else {
        counts[level ? 'updated' : 'created']++;
        const note = 'CSV import';
        changes.push({ variantId, locationId, onHand, reason: 'cycle_count', note, actor: opts.actor });
      }
    }
    if (check.issues.length) throw new CsvInvalid(check.issues);
    if (!opts.dryRun) for (const change of changes) await adjustStock({ ...ctx, em }, change);
    return { rows: table.rows.length, ...counts };
  });
}
