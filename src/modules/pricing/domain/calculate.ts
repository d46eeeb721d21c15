// The pricing engine: one pure function from priced lines, promotions and a tax rate to a priced
// order. No I/O, no clock (the moment is an input), integers in, integers out.
//
// Order of work, per order:
//   1. line subtotal = unit price x quantity
//   2. promotions (promotion-eligibility.ts), each computed on its target lines as a whole and then
//      allocated across them in proportion to what is left of each (largest remainder), so the
//      line discounts of a promotion sum to exactly its amount
//   3. tax per line on what is left after discounts, rounded per line (money.ts: half-up):
//        tax-inclusive: tax = gross x r / (1 + r) (the part of the gross that is tax), net = gross - tax
//        tax-exclusive: tax = net x r, gross = net + tax
//      shipping is taxed the same way as one more line, and is never discounted
//   4. order totals are the sums of the lines (plus shipping), never computed separately, so the
//      lines always add up to the totals
import { allocate, assertAmount, mulDivRound, sum } from './money.ts';
import { applicationOrder, rejection, targetLines } from './promotion-eligibility.ts';
import type {
  AppliedPromotion,
  CodeOutcome,
  PricedLine,
  PricedShipping,
  PricingInput,
  PricingResult,
  PromotionRule,
} from './types.ts';

export const PPM = 1_000_000;
const BPS = 10_000;

export function calculate(input: PricingInput): PricingResult {
  const { currency, lines, taxInclusive, taxRatePpm } = input;
  if (!Number.isSafeInteger(taxRatePpm) || taxRatePpm < 0 || taxRatePpm > PPM)
    throw new RangeError(`taxRatePpm must be 0..${PPM}, got ${taxRatePpm}`);
  lines.forEach((l, i) => {
    assertAmount(l.unitPrice, `lines[${i}].unitPrice`);
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1)
      throw new RangeError(`lines[${i}].quantity must be a positive integer`);
  });
  if (input.shippingAmount !== null) assertAmount(input.shippingAmount, 'shippingAmount');

  const subtotals = lines.map((l) => l.unitPrice * l.quantity);
  subtotals.forEach((s, i) => assertAmount(s, `lines[${i}] subtotal`));
  const subtotal = sum(subtotals);
  assertAmount(subtotal, 'subtotal');

  // 2. promotions
  const ctx = { currency, at: input.at, subtotal, lines, hasCustomer: input.hasCustomer };
  const eligible: PromotionRule[] = input.automatic.filter((r) => r.code === null && rejection(r, ctx) === null);
  let code: CodeOutcome | null = null;
  if (input.code) {
    const rule = input.code.promotion;
    const reason = rule ? rejection(rule, ctx) : 'unknown';
    code = { code: input.code.code, applied: reason === null, reason };
    if (rule && reason === null) eligible.push(rule);
  }
  eligible.sort(applicationOrder);

  const remaining = [...subtotals];
  const adjustments = lines.map(() => [] as { promotionId: string; amount: number }[]);
  const promotions: AppliedPromotion[] = [];
  for (const rule of eligible) {
    const targets = targetLines(rule, lines);
    const weights = targets.map((i) => remaining[i]);
    const base = sum(weights);
    const amount =
      rule.kind === 'percentage'
        ? Math.min(base, mulDivRound(base, rule.percentBps ?? 0, BPS))
        : Math.min(base, rule.amounts[currency] ?? 0);
    const shares = allocate(amount, weights);
    targets.forEach((lineIndex, k) => {
      if (shares[k] === 0) return;
      remaining[lineIndex] -= shares[k];
      adjustments[lineIndex].push({ promotionId: rule.id, amount: shares[k] });
    });
    promotions.push({ promotionId: rule.id, name: rule.name, code: rule.code, amount });
  }

  // 3. tax
  const priced: PricedLine[] = lines.map((l, i) => ({
    variantId: l.variantId,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    subtotal: subtotals[i],
    discount: subtotals[i] - remaining[i],
    ...taxed(remaining[i], taxInclusive, taxRatePpm),
    adjustments: adjustments[i],
  }));
  const shipping: PricedShipping | null =
    input.shippingAmount === null
      ? null
      : { amount: input.shippingAmount, ...taxed(input.shippingAmount, taxInclusive, taxRatePpm) };

  // 4. totals: sums of the lines
  return {
    currency,
    taxInclusive,
    taxRatePpm,
    lines: priced,
    shipping,
    totals: {
      subtotal,
      discount: sum(priced.map((l) => l.discount)),
      shipping: shipping?.amount ?? 0,
      tax: sum(priced.map((l) => l.tax)) + (shipping?.tax ?? 0),
      total: sum(priced.map((l) => l.total)) + (shipping?.total ?? 0),
    },
    promotions,
    code,
  };
}

/** Splits an amount into net, tax and total (gross) for the currency's tax mode. */
export function taxed(
  amount: number,
  inclusive: boolean,
  ratePpm: number,
): { net: number; tax: number; total: number } {
  if (inclusive) {
    const tax = mulDivRound(amount, ratePpm, PPM + ratePpm);
    return { net: amount - tax, tax, total: amount };
  }
  const tax = mulDivRound(amount, ratePpm, PPM);
  return { net: amount, tax, total: amount + tax };
}
