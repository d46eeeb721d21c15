// Which promotions apply, and in what order. The rules (also in the module's README):
//
// 1. At most ONE code per order, plus every automatic promotion that applies.
// 2. A promotion applies when, at the pricing moment: it has started and not ended
//    (starts_at <= at < ends_at), its usage limit is not used up, a once-per-customer promotion
//    has a signed-in customer who has not redeemed it, the order subtotal (before any discount,
//    shipping excluded) reaches its minimum in the order's currency, at least one line is
//    targeted, and a fixed promotion has an amount in the order's currency. A code that fails a
//    check is reported with the first failing reason, in that order.
// 3. Applied one after another, each to what the earlier ones left of its target lines:
//    product/category promotions before whole-order ones, percentages before fixed amounts,
//    automatic before the code, then by id (creation order). A percentage takes its share of
//    the remaining amount; a fixed amount takes at most the remaining amount. So discounts stack,
//    but never take a line below zero.
import type { Currency } from '../contract.ts';
import type { LineInput, PromotionRule, RejectReason } from './types.ts';

/** Indexes of the lines a promotion targets (every line when it names no product or category). */
export function targetLines(rule: PromotionRule, lines: readonly LineInput[]): number[] {
  const wholeOrder = rule.productIds.length === 0 && rule.categoryIds.length === 0;
  const out: number[] = [];
  lines.forEach((line, i) => {
    if (
      wholeOrder ||
      rule.productIds.includes(line.productId) ||
      line.categoryIds.some((c) => rule.categoryIds.includes(c))
    )
      out.push(i);
  });
  return out;
}

export interface EligibilityContext {
  currency: Currency;
  at: Date;
  subtotal: number;
  lines: readonly LineInput[];
  hasCustomer: boolean;
}

/** Why a promotion does not apply to this order, or null when it does. */
export function rejection(rule: PromotionRule, ctx: EligibilityContext): RejectReason | null {
  const at = ctx.at.getTime();
  if (rule.startsAt && at < rule.startsAt.getTime()) return 'not_started';
  if (rule.endsAt && at >= rule.endsAt.getTime()) return 'expired';
  if (rule.limitReached) return 'limit_reached';
  if (rule.oncePerCustomer && !ctx.hasCustomer) return 'customer_required';
  if (rule.usedByCustomer) return 'already_used';
  const min = rule.minSubtotal[ctx.currency];
  if (min !== undefined && ctx.subtotal < min) return 'minimum_not_met';
  if (targetLines(rule, ctx.lines).length === 0) return 'not_applicable';
  if (rule.kind === 'fixed' && rule.amounts[ctx.currency] === undefined) return 'not_applicable';
  if (rule.kind === 'percentage' && !rule.percentBps) return 'not_applicable';
  return null;
}

const isTargeted = (r: PromotionRule) => r.productIds.length > 0 || r.categoryIds.length > 0;

/** The application order of rule 3: a total order, so the same inputs always price the same. */
export function applicationOrder(a: PromotionRule, b: PromotionRule): number {
  return (
    Number(!isTargeted(a)) - Number(!isTargeted(b)) ||
    Number(a.kind === 'fixed') - Number(b.kind === 'fixed') ||
    Number(a.code !== null) - Number(b.code !== null) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
