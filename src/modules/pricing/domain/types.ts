import type { Currency } from '../contract.ts';

/** One line to price: its shelf unit price is already chosen (the lowest applicable, see shelf-price.ts). */
export interface LineInput {
  variantId: string;
  productId: string;
  categoryIds: readonly string[];
  quantity: number;
  /** Integer minor units, tax-inclusive or not as the currency is configured. */
  unitPrice: number;
}

export type PromotionKind = 'percentage' | 'fixed';

/** A promotion as the engine sees it: its rule plus the usage facts the caller looked up. */
export interface PromotionRule {
  id: string;
  name: string;
  /** null for an automatic promotion. */
  code: string | null;
  kind: PromotionKind;
  /** percentage: basis points, 1..10000 (10000 = 100 %). */
  percentBps: number | null;
  /** fixed: the amount off per currency; a promotion without an amount in the order's currency does not apply. */
  amounts: Partial<Record<Currency, number>>;
  /** Both empty: the whole order. Otherwise the lines whose product or one of whose categories is listed. */
  productIds: readonly string[];
  categoryIds: readonly string[];
  /** Minimum order subtotal (before any discount, shipping excluded) per currency; none = no minimum. */
  minSubtotal: Partial<Record<Currency, number>>;
  startsAt: Date | null;
  endsAt: Date | null;
  oncePerCustomer: boolean;
  /** Looked up by the caller: the total usage limit is used up. */
  limitReached: boolean;
  /** Looked up by the caller: this customer already redeemed this once-per-customer promotion. */
  usedByCustomer: boolean;
}

export interface PricingInput {
  currency: Currency;
  /** The moment promotions are judged at. */
  at: Date;
  /** true: unit prices and shipping include tax; false: tax is added on top. */
  taxInclusive: boolean;
  /** Tax rate in parts per million (19 % = 190000, 8.875 % = 88750). */
  taxRatePpm: number;
  lines: readonly LineInput[];
  /** Shipping in the same tax mode as the prices; taxed at the same rate, never discounted. */
  shippingAmount: number | null;
  /** Automatic promotions that may apply (the engine still checks each one). */
  automatic: readonly PromotionRule[];
  /** The code the shopper entered and the promotion it names (null: no such code). */
  code: { code: string; promotion: PromotionRule | null } | null;
  /** Whether a signed-in customer is buying (once-per-customer promotions need one). */
  hasCustomer: boolean;
}

export type RejectReason =
  | 'unknown'
  | 'not_started'
  | 'expired'
  | 'limit_reached'
  | 'customer_required'
  | 'already_used'
  | 'minimum_not_met'
  | 'not_applicable';

export interface Adjustment {
  promotionId: string;
  amount: number;
}

export interface PricedLine {
  variantId: string;
  quantity: number;
  unitPrice: number;
  /** unitPrice x quantity. */
  subtotal: number;
  /** Sum of this line's share of every applied promotion. */
  discount: number;
  /** Amount before tax, after discount. */
  net: number;
  tax: number;
  /** What the shopper pays for the line: net + tax. */
  total: number;
  adjustments: Adjustment[];
}

export interface PricedShipping {
  amount: number;
  net: number;
  tax: number;
  total: number;
}

export interface AppliedPromotion {
  promotionId: string;
  name: string;
  code: string | null;
  amount: number;
}

export interface CodeOutcome {
  code: string;
  applied: boolean;
  reason: RejectReason | null;
}

export interface PricingResult {
  currency: Currency;
  taxInclusive: boolean;
  taxRatePpm: number;
  lines: PricedLine[];
  shipping: PricedShipping | null;
  totals: {
    /** Sum of line subtotals. */
    subtotal: number;
    /** Sum of line discounts. */
    discount: number;
    /** The shipping amount as given (0 without shipping). */
    shipping: number;
    /** Sum of line taxes plus the shipping tax. */
    tax: number;
    /** Sum of line totals plus the shipping total. */
    total: number;
  };
  /** In the order they were applied. */
  promotions: AppliedPromotion[];
  code: CodeOutcome | null;
}
