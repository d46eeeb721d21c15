import { execute } from '../../platform/db/index.ts';
// Shelf prices: the price of a variant in a currency for a shopper right now, and keeping the
// published pricing.price_changed stream in step with it.
//
// The price a shopper pays before promotions is the LOWEST of the base price and the prices of
// every price list that is active at that moment (starts_at <= at < ends_at) and is public or
// for a customer group the shopper belongs to. The public shelf price is the same with no groups.
import type { EntityManager } from '../../platform/db/index.ts';
import type { EventDef, PayloadOf } from '../../platform/bus/index.ts';
import type { HandlerContext } from '../../platform/bus/index.ts';
import { PriceChanged, type Currency } from './contract.ts';

/**
 * Publishes one of pricing's events inside the given transaction: `publisherFor(platform, 'pricing')`
 * in routes, `fromHandler(ctx)` in event and task handlers (which keeps the event's trace).
 */
export type Publish = <E extends EventDef>(em: EntityManager, event: E, payload: PayloadOf<E>) => Promise<unknown>;

export const fromHandler =
  (ctx: HandlerContext): Publish =>
  (_em, event, payload) =>
    ctx.publish(event, payload);

export interface VariantCurrency {
  variantId: string;
  currency: Currency;
}

export interface ShelfPrice extends VariantCurrency {
  /** What the shopper pays per unit now (null: no price in this currency). */
  amount: number | null;
  /** The base price (null: none; a list price may still apply). */
  originalAmount: number | null;
  /** The price list whose price won, if one was lower than the base price. */
  priceListId: string | null;
}

/** Shelf prices of the given pairs at a moment, for a customer (their groups' lists apply) or for everyone (null). */
export async function shelfPrices(
  em: EntityManager,
  pairs: readonly VariantCurrency[],
  at: Date,
  customerId: string | null,
): Promise<ShelfPrice[]> {
  if (pairs.length === 0) return [];
  const rows = await execute<{
    variant_id: string;
    currency: Currency;
    base: number | null;
    sale: number | null;
    price_list_id: string | null;
  }>(
    em,
    `select p.variant_id, p.currency, b.amount as base, s.amount as sale, s.price_list_id
       from jsonb_to_recordset(?::jsonb) as p(variant_id uuid, currency char(3))
       left join pricing.prices b on b.variant_id = p.variant_id and b.currency = p.currency
       left join lateral (
         select lp.amount, lp.price_list_id
           from pricing.price_list_prices lp
           join pricing.price_lists l on l.id = lp.price_list_id
          where lp.variant_id = p.variant_id and lp.currency = p.currency
            and (l.starts_at is null or l.starts_at <= ?::timestamptz)
            and (l.ends_at is null or l.ends_at > ?::timestamptz)
            and (l.customer_group_id is null
                 or l.customer_group_id in (select group_id from pricing.customer_group_members where customer_id = ?::uuid))
          order by lp.amount, lp.price_list_id
          limit 1) s on true`,
    [
      JSON.stringify(pairs.map((p) => ({ variant_id: p.variantId, currency: p.currency }))),
      at.toISOString(),
      at.toISOString(),
      customerId,
    ],
  );
  return rows.map((r) => {
    const saleWins = r.sale !== null && (r.base === null || r.sale < r.base);
    return {
      variantId: r.variant_id,
      currency: r.currency,
      amount: saleWins ? r.sale : r.base,
      originalAmount: r.base,
      priceListId: saleWins ? r.price_list_id : null,
    };
  });
}

/**
 * Recomputes the public shelf price of the given pairs and publishes pricing.price_changed for
 * each one that differs from what was last published (amount, base or tax mode), with the next
 * sequence number. Runs inside the caller's transaction, after its writes.
 *
 * Each pair is locked (a transaction-scoped advisory lock, taken in a fixed order) BEFORE it is
 * recomputed: a concurrent change of the same pair waits until this transaction commits and then
 * computes from the committed state, so the event with the highest sequence always carries the
 * price that is true after both.
 */
export async function republishShelfPrices(
  em: EntityManager,
  publish: Publish,
  pairs: readonly VariantCurrency[],
  at = new Date(),
): Promise<number> {
  const unique = [...new Map(pairs.map((p) => [`${p.variantId}:${p.currency}`, p])).values()].sort((a, b) =>
    a.variantId === b.variantId ? a.currency.localeCompare(b.currency) : a.variantId < b.variantId ? -1 : 1,
  );
  if (unique.length === 0) return 0;
  const json = JSON.stringify(unique.map((p) => ({ variant_id: p.variantId, currency: p.currency })));
  // (PostgreSQL evaluates a volatile select list after ORDER BY, so the locks are taken in key order.)
  await execute(
    em,
    `select pg_advisory_xact_lock(hashtextextended(k, 0)) from jsonb_array_elements_text(?::jsonb) with ordinality as t(k, n) order by n`,
    [JSON.stringify(unique.map((p) => `pricing.shelf:${p.variantId}:${p.currency}`))],
  );
  const now = await shelfPrices(em, unique, at, null);
  const published = await execute<{
    variant_id: string;
    currency: Currency;
    amount: number | null;
    original_amount: number | null;
    tax_inclusive: boolean;
  }>(
    em,
    `select pp.variant_id, pp.currency, pp.amount, pp.original_amount, pp.tax_inclusive
       from jsonb_to_recordset(?::jsonb) as p(variant_id uuid, currency char(3))
       join pricing.published_prices pp on pp.variant_id = p.variant_id and pp.currency = p.currency`,
    [json],
  );
  const settings = await execute<{ currency: Currency; tax_inclusive: boolean }>(
    em,
    'select currency, tax_inclusive from pricing.currency_settings',
  );
  const last = new Map(published.map((r) => [`${r.variant_id}:${r.currency}`, r]));
  const inclusive = new Map(settings.map((s) => [s.currency, s.tax_inclusive]));
  let count = 0;
  for (const price of now) {
    const before = last.get(`${price.variantId}:${price.currency}`);
    const taxInclusive = inclusive.get(price.currency) ?? false;
    if (!before && price.amount === null && price.originalAmount === null) continue; // never priced, still not
    if (
      before &&
      before.amount === price.amount &&
      before.original_amount === price.originalAmount &&
      before.tax_inclusive === taxInclusive
    )
      continue;
    const [{ sequence }] = await execute<{ sequence: number }>(
      em,
      `insert into pricing.published_prices as pp (variant_id, currency, amount, original_amount, tax_inclusive, sequence, published_at)
       values (?, ?, ?, ?, ?, 1, now())
       on conflict (variant_id, currency) do update
         set amount = excluded.amount, original_amount = excluded.original_amount, tax_inclusive = excluded.tax_inclusive,
             sequence = pp.sequence + 1, published_at = now()
       returning sequence`,
      [price.variantId, price.currency, price.amount, price.originalAmount, taxInclusive],
    );
    await publish(em, PriceChanged, {
      variantId: price.variantId,
      currency: price.currency,
      amount: price.amount,
      originalAmount: price.originalAmount,
      taxInclusive,
      sequence,
    });
    count++;
  }
  return count;
}

/** Every pair that is or was priced in a currency (for a change of the currency's tax mode). */
export async function pairsInCurrency(em: EntityManager, currency: Currency): Promise<VariantCurrency[]> {
  const rows = await execute<{ variant_id: string }>(
    em,
    `select variant_id from pricing.prices where currency = ?
     union select variant_id from pricing.price_list_prices where currency = ?
     union select variant_id from pricing.published_prices where currency = ?`,
    [currency, currency, currency],
  );
  return rows.map((r) => ({ variantId: r.variant_id, currency }));
}

/** Every pair that is or was priced for the given variants (for a removed variant). */
export async function pairsOfVariants(em: EntityManager, variantIds: readonly string[]): Promise<VariantCurrency[]> {
  if (variantIds.length === 0) return [];
  const ids = JSON.stringify(variantIds);
  const rows = await execute<{ variant_id: string; currency: Currency }>(
    em,
    `select variant_id, currency from pricing.prices where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
     union select variant_id, currency from pricing.price_list_prices where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
     union select variant_id, currency from pricing.published_prices where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))`,
    [ids, ids, ids],
  );
  return rows.map((r) => ({ variantId: r.variant_id, currency: r.currency }));
}
