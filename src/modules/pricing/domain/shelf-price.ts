// The price a shopper pays before promotions is the LOWEST of the base price and the prices of
// every price list that is active at that moment (starts_at <= at < ends_at) and is public or
// for a customer group the shopper belongs to. The public shelf price is the same with no groups.
import type { Currency } from '../contract.ts';

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

/** The shelf price from the base price and the lowest applicable list price (either may be missing). */
export function lowestPrice(
  pair: VariantCurrency,
  base: number | null,
  sale: { amount: number; priceListId: string } | null,
): ShelfPrice {
  const saleWins = sale !== null && (base === null || sale.amount < base);
  return {
    ...pair,
    amount: saleWins ? sale.amount : base,
    originalAmount: base,
    priceListId: saleWins ? sale.priceListId : null,
  };
}

/** What subscribers were last told about a (variant, currency). */
export interface PublishedShelfPrice {
  amount: number | null;
  originalAmount: number | null;
  taxInclusive: boolean;
}

/** Whether a recomputed shelf price must be published: it differs from the last one, or was never priced. */
export function needsPublishing(
  before: PublishedShelfPrice | undefined,
  now: ShelfPrice,
  taxInclusive: boolean,
): boolean {
  if (!before) return now.amount !== null || now.originalAmount !== null;
  return (
    before.amount !== now.amount || before.originalAmount !== now.originalAmount || before.taxInclusive !== taxInclusive
  );
}

/** Each pair once, in one fixed order (locks taken in this order cannot deadlock each other). */
export function distinctSortedPairs(pairs: readonly VariantCurrency[]): VariantCurrency[] {
  return [...new Map(pairs.map((p) => [`${p.variantId}:${p.currency}`, p])).values()].sort((a, b) =>
    a.variantId === b.variantId ? a.currency.localeCompare(b.currency) : a.variantId < b.variantId ? -1 : 1,
  );
}
