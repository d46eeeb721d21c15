import type { Actor } from '../../../platform/auth/audit.ts';
import { CsvCheck, CsvInvalid, readCsvTable, type ImportCounts } from '../../../platform/csv/index.ts';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { CURRENCIES, type Currency } from '../contract.ts';
import { toMoneyList, type PerCurrency } from '../domain/per-currency.ts';
import { PRICE_COLUMNS } from './export-prices-csv.ts';
import type { Publish } from './republish-shelf-prices.ts';
import { setBasePrices } from './set-base-prices.ts';

const MAX_AMOUNT = 1_000_000_000;

/**
 * A price file (sku, currency, amount in minor units; an empty amount removes that currency's
 * price) checked whole, then applied in one transaction through setBasePrices per changed variant,
 * so each publishes pricing.price_changed and is audited as a single edit is. Currencies a file
 * does not name keep their prices.
 */
export async function importPricesCsv(
  em: EntityManager,
  publish: Publish,
  text: string,
  opts: { dryRun: boolean; actor: Actor },
): Promise<ImportCounts & { rows: number }> {
  const table = readCsvTable(text, { required: PRICE_COLUMNS });
  if (table.issues.length) throw new CsvInvalid(table.issues);
  return em.transactional(async (tx) => {
    const check = new CsvCheck();
    const skus = [...new Set(table.rows.map((r) => r.get('sku')))];
    const variants = new Map(
      (
        await query<{ sku: string; variant_id: string }>(
          tx,
          'select sku, variant_id from pricing.variants where sku = any($1)',
          [skus],
        )
      ).map((v) => [v.sku, v.variant_id]),
    );
    const enabled = (await query<{ currency: Currency }>(tx, 'select currency from pricing.currency_settings')).map(
      (c) => c.currency,
    );
    const current = new Map<string, PerCurrency>();
    for (const p of await query<{ variant_id: string; currency: Currency; amount: number }>(
      tx,
      'select variant_id, currency, amount from pricing.prices where variant_id = any($1)',
      [[...variants.values()]],
    ))
      current.set(p.variant_id, { ...current.get(p.variant_id), [p.currency]: p.amount });

    const seen = new Map<string, number>();
    const next = new Map<string, PerCurrency>();
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const row of table.rows) {
      const sku = check.text(row, 'sku', { required: true, max: 100 });
      const variantId = sku === undefined ? undefined : variants.get(sku);
      if (sku !== undefined && !variantId) check.fail(row.line, 'sku', `no variant has SKU ${sku}`);
      const currency = check.oneOf(row, 'currency', Object.keys(CURRENCIES) as Currency[], { required: true });
      if (currency && !enabled.includes(currency)) check.fail(row.line, 'currency', `${currency} is not set up`);
      const amount = check.integer(row, 'amount', { min: 0, max: MAX_AMOUNT });
      if (!variantId || !currency || (amount === undefined && row.get('amount') !== '')) continue;
      if (!check.unique(seen, `${variantId}:${currency}`, row.line, 'currency', 'this SKU and currency are')) continue;
      const before = current.get(variantId)?.[currency];
      if (before === amount) {
        counts.unchanged++;
        continue;
      }
      counts[before === undefined ? 'created' : 'updated']++;
      const set = { ...(next.get(variantId) ?? current.get(variantId)) };
      if (amount === undefined) delete set[currency];
      else set[currency] = amount;
      next.set(variantId, set);
    }
    if (check.issues.length) throw new CsvInvalid(check.issues);
    if (!opts.dryRun)
      for (const [variantId, prices] of next)
        await setBasePrices(tx, publish, variantId, toMoneyList(prices), opts.actor);
    return { rows: table.rows.length, ...counts };
  });
}
