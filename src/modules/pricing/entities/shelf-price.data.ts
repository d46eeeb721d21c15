// Reads and writes for shelf prices: the base and list prices that make one, the last price
// published per (variant, currency), and the locks that serialise recomputing one pair.
import { query, type EntityManager } from '../../../platform/db/index.ts';
import type { Currency } from '../contract.ts';
import { lowestPrice, type PublishedShelfPrice, type ShelfPrice, type VariantCurrency } from '../domain/shelf-price.ts';
import { pricingDb } from './pricing-db.ts';

export interface ShelfPriceRow {
  variant_id: string;
  currency: Currency;
  base: number | null;
  sale: number | null;
  price_list_id: string | null;
}

/**
 * The statement of `shelfPrices`, with the placeholders of its pairs (JSON), moment and customer
 * given, so a caller can read it as a sub-select of a statement of its own (quote.ts).
 */
export const shelfPricesSql = (pairs: string, at: string, customer: string) =>
  `select p.variant_id, p.currency, b.amount as base, s.amount as sale, s.price_list_id
       from jsonb_to_recordset(${pairs}::jsonb) as p(variant_id uuid, currency char(3))
       left join pricing.prices b on b.variant_id = p.variant_id and b.currency = p.currency
       left join lateral (
         select lp.amount, lp.price_list_id
           from pricing.price_list_prices lp
           join pricing.price_lists l on l.id = lp.price_list_id
          where lp.variant_id = p.variant_id and lp.currency = p.currency
            and (l.starts_at is null or l.starts_at <= ${at}::timestamptz)
            and (l.ends_at is null or l.ends_at > ${at}::timestamptz)
            and (l.customer_group_id is null
                 or l.customer_group_id in (select group_id from pricing.customer_group_members where customer_id = ${customer}::uuid))
          order by lp.amount, lp.price_list_id
          limit 1) s on true`;

export const pairsJson = (pairs: readonly VariantCurrency[]) =>
  JSON.stringify(pairs.map((p) => ({ variant_id: p.variantId, currency: p.currency })));

export const shelfPriceOf = (r: ShelfPriceRow): ShelfPrice =>
  lowestPrice(
    { variantId: r.variant_id, currency: r.currency },
    r.base,
    r.sale === null ? null : { amount: r.sale, priceListId: r.price_list_id! },
  );

/** Shelf prices of the given pairs at a moment, for a customer (their groups' lists apply) or for everyone (null). */
export async function shelfPrices(
  em: EntityManager,
  pairs: readonly VariantCurrency[],
  at: Date,
  customerId: string | null,
): Promise<ShelfPrice[]> {
  if (pairs.length === 0) return [];
  const rows = await query<ShelfPriceRow>(em, shelfPricesSql('$1', '$2', '$3'), [
    pairsJson(pairs),
    at.toISOString(),
    customerId,
  ]);
  return rows.map(shelfPriceOf);
}

/**
 * Takes a transaction-scoped advisory lock per pair, in the order given: a concurrent recomputation
 * of the same pair waits until this transaction commits. (PostgreSQL evaluates a volatile select
 * list after ORDER BY, so the locks are taken in that order.)
 */
export async function lockShelfPrices(em: EntityManager, pairs: readonly VariantCurrency[]): Promise<void> {
  await query<Record<string, unknown>>(
    em,
    `select pg_advisory_xact_lock(hashtextextended(k, 0)) from jsonb_array_elements_text($1::jsonb) with ordinality as t(k, n) order by n`,
    [JSON.stringify(pairs.map((p) => `pricing.shelf:${p.variantId}:${p.currency}`))],
  );
}

/** The last published shelf price per pair (absent: never published), keyed `variantId:currency`. */
export async function lastPublished(
  em: EntityManager,
  pairs: readonly VariantCurrency[],
): Promise<Map<string, PublishedShelfPrice>> {
  const rows = await query<PublishedShelfPrice & { variantId: string; currency: Currency }>(
    em,
    `select pp.variant_id as "variantId", pp.currency, pp.amount, pp.original_amount as "originalAmount",
            pp.tax_inclusive as "taxInclusive"
       from jsonb_to_recordset($1::jsonb) as p(variant_id uuid, currency char(3))
       join pricing.published_prices pp on pp.variant_id = p.variant_id and pp.currency = p.currency`,
    [pairsJson(pairs)],
  );
  return new Map(rows.map((r) => [`${r.variantId}:${r.currency}`, r]));
}

/** Whether each currency's prices include tax. */
export async function taxModes(em: EntityManager): Promise<Map<Currency, boolean>> {
  const rows = await pricingDb(em).selectFrom('currency_settings').select(['currency', 'tax_inclusive']).execute();
  return new Map(rows.map((r) => [r.currency, r.tax_inclusive]));
}

/** Records a shelf price as published and returns its sequence number (1, then one more per change). */
export async function recordPublished(em: EntityManager, price: ShelfPrice, taxInclusive: boolean): Promise<number> {
  const row = await pricingDb(em)
    .insertInto('published_prices')
    .values({
      variant_id: price.variantId,
      currency: price.currency,
      amount: price.amount,
      original_amount: price.originalAmount,
      tax_inclusive: taxInclusive,
      sequence: 1,
      published_at: new Date(),
    })
    .onConflict((oc) =>
      oc.columns(['variant_id', 'currency']).doUpdateSet((eb) => ({
        amount: eb.ref('excluded.amount'),
        original_amount: eb.ref('excluded.original_amount'),
        tax_inclusive: eb.ref('excluded.tax_inclusive'),
        sequence: eb('published_prices.sequence', '+', 1),
        published_at: eb.ref('excluded.published_at'),
      })),
    )
    .returning('sequence')
    .executeTakeFirstOrThrow();
  return row.sequence;
}

/** Every pair that is or was priced in a currency (for a change of the currency's tax mode). */
export async function pairsInCurrency(em: EntityManager, currency: Currency): Promise<VariantCurrency[]> {
  const rows = await query<{ variant_id: string }>(
    em,
    `select variant_id from pricing.prices where currency = $1
     union select variant_id from pricing.price_list_prices where currency = $1
     union select variant_id from pricing.published_prices where currency = $1`,
    [currency],
  );
  return rows.map((r) => ({ variantId: r.variant_id, currency }));
}

/** Every pair that is or was priced for the given variants (for a removed variant). */
export async function pairsOfVariants(em: EntityManager, variantIds: readonly string[]): Promise<VariantCurrency[]> {
  if (variantIds.length === 0) return [];
  const rows = await query<{ variant_id: string; currency: Currency }>(
    em,
    `select variant_id, currency from pricing.prices where variant_id = any($1::uuid[])
     union select variant_id, currency from pricing.price_list_prices where variant_id = any($1::uuid[])
     union select variant_id, currency from pricing.published_prices where variant_id = any($1::uuid[])`,
    [variantIds],
  );
  return rows.map((r) => ({ variantId: r.variant_id, currency: r.currency }));
}
