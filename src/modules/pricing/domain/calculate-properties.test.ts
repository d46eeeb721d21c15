import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calculate, PPM } from './calculate.ts';
import { mulDivRound } from './money.ts';
import type { LineInput, PricingInput, PricingResult, PromotionRule } from './types.ts';

// Small id pools, so promotions actually hit lines.
const products = ['p1', 'p2', 'p3', 'p4'];
const categories = ['c1', 'c2', 'c3'];
const AT = new Date('2030-06-15T12:00:00Z');

const lineArb: fc.Arbitrary<LineInput> = fc.record({
  variantId: fc.uuid(),
  productId: fc.constantFrom(...products),
  categoryIds: fc.subarray(categories),
  quantity: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 10_000 })),
  unitPrice: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 1_000_000_000 })),
});

const DAY = 86_400_000;
// Mostly open-ended or around AT, so most promotions are live and a few have ended or not begun.
const maybeDate = (fromDays: number, toDays: number) =>
  fc.option(
    fc.date({
      min: new Date(AT.getTime() + fromDays * DAY),
      max: new Date(AT.getTime() + toDays * DAY),
      noInvalidDate: true,
    }),
    { nil: null, freq: 1 },
  );

const ruleArb = (automatic: boolean): fc.Arbitrary<PromotionRule> =>
  fc
    .record({
      id: fc.uuid(),
      name: fc.string({ maxLength: 10 }),
      code: automatic ? fc.constant(null) : fc.stringMatching(/^[A-Z0-9]{3,8}$/),
      kind: fc.constantFrom('percentage' as const, 'fixed' as const),
      percentBps: fc.integer({ min: 1, max: 10_000 }),
      amount: fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 1_000_000_000 })),
      otherCurrencyOnly: fc.boolean(),
      productIds: fc.subarray(products, { maxLength: 2 }),
      categoryIds: fc.subarray(categories, { maxLength: 2 }),
      min: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: undefined, freq: 1 }),
      startsAt: maybeDate(-60, 3),
      endsAt: maybeDate(-3, 60),
      oncePerCustomer: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
      limitReached: fc.integer({ min: 0, max: 9 }).map((n) => n < 1),
      usedByCustomer: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
    })
    .map((r) => ({
      id: r.id,
      name: r.name,
      code: r.code,
      kind: r.kind,
      percentBps: r.kind === 'percentage' ? r.percentBps : null,
      amounts: r.kind === 'fixed' ? (r.otherCurrencyOnly ? { USD: r.amount } : { EUR: r.amount, USD: r.amount }) : {},
      productIds: r.productIds,
      categoryIds: r.categoryIds,
      minSubtotal: r.min === undefined ? {} : { EUR: r.min },
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      oncePerCustomer: r.oncePerCustomer,
      limitReached: r.limitReached,
      usedByCustomer: r.usedByCustomer && r.oncePerCustomer,
    }));

const inputArb: fc.Arbitrary<PricingInput> = fc.record({
  currency: fc.constant('EUR' as const),
  at: fc.constant(AT),
  taxInclusive: fc.boolean(),
  taxRatePpm: fc.oneof(fc.constantFrom(0, 190_000, 88_750, 70_000, 200_000), fc.integer({ min: 0, max: PPM })),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 100 }),
  shippingAmount: fc.option(fc.integer({ min: 0, max: 1_000_000_000 }), { nil: null }),
  automatic: fc.uniqueArray(ruleArb(true), { maxLength: 4, selector: (r) => r.id }),
  code: fc.option(fc.record({ code: fc.constant('CODE'), promotion: fc.option(ruleArb(false), { nil: null }) }), {
    nil: null,
  }),
  hasCustomer: fc.integer({ min: 0, max: 9 }).map((n) => n > 1),
});

const amountsOf = (r: PricingResult): number[] => [
  ...Object.values(r.totals),
  ...r.lines.flatMap((l) => [
    l.unitPrice,
    l.subtotal,
    l.discount,
    l.net,
    l.tax,
    l.total,
    ...l.adjustments.map((a) => a.amount),
  ]),
  ...(r.shipping ? Object.values(r.shipping) : []),
  ...r.promotions.map((p) => p.amount),
];

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const runs = { numRuns: 300 };

describe('pricing engine: properties', () => {
  it('every amount is a non-negative safe integer (totals are never negative)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const a of amountsOf(calculate(input))) {
          expect(Number.isSafeInteger(a)).toBe(true);
          expect(a).toBeGreaterThanOrEqual(0);
        }
      }),
      runs,
    );
  });

  it('a discount never exceeds what it discounts', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = calculate(input);
        for (const l of r.lines) {
          expect(l.discount).toBeLessThanOrEqual(l.subtotal);
          expect(sum(l.adjustments.map((a) => a.amount))).toBe(l.discount);
        }
        expect(r.totals.discount).toBeLessThanOrEqual(r.totals.subtotal);
        for (const p of r.promotions) {
          const rule = [...input.automatic, input.code?.promotion].find((x) => x?.id === p.promotionId)!;
          if (rule.kind === 'fixed') expect(p.amount).toBeLessThanOrEqual(rule.amounts.EUR!);
          else expect(p.amount).toBeLessThanOrEqual(mulDivRound(r.totals.subtotal, rule.percentBps!, 10_000));
          // a promotion's line shares add up to what it reports
          expect(
            sum(
              r.lines.flatMap((l) => l.adjustments.filter((a) => a.promotionId === p.promotionId).map((a) => a.amount)),
            ),
          ).toBe(p.amount);
        }
      }),
      runs,
    );
  });

  it('per line, net + tax = total, and tax is the rate rounded once to the minor unit', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = calculate(input);
        const rows = [...r.lines, ...(r.shipping ? [r.shipping] : [])];
        for (const l of rows) {
          expect(l.net + l.tax).toBe(l.total);
          // exact tax as a fraction: inclusive gross*r/(1+r), exclusive net*r; rounded value within half a unit
          const [num, den] = input.taxInclusive
            ? [BigInt(l.total) * BigInt(input.taxRatePpm), BigInt(PPM + input.taxRatePpm)]
            : [BigInt(l.net) * BigInt(input.taxRatePpm), BigInt(PPM)];
          const diff2 = 2n * (num - BigInt(l.tax) * den);
          expect(diff2 >= -den && diff2 < den).toBe(true);
        }
        for (const l of r.lines) {
          if (input.taxInclusive) expect(l.total).toBe(l.subtotal - l.discount);
          else expect(l.net).toBe(l.subtotal - l.discount);
        }
      }),
      runs,
    );
  });

  it('the lines add up to the order totals exactly', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = calculate(input);
        expect(sum(r.lines.map((l) => l.subtotal))).toBe(r.totals.subtotal);
        expect(sum(r.lines.map((l) => l.discount))).toBe(r.totals.discount);
        expect(sum(r.promotions.map((p) => p.amount))).toBe(r.totals.discount);
        expect(sum(r.lines.map((l) => l.tax)) + (r.shipping?.tax ?? 0)).toBe(r.totals.tax);
        expect(sum(r.lines.map((l) => l.total)) + (r.shipping?.total ?? 0)).toBe(r.totals.total);
        const shippingGross = r.shipping?.total ?? 0;
        const expected = input.taxInclusive
          ? r.totals.subtotal - r.totals.discount + shippingGross
          : r.totals.subtotal - r.totals.discount + r.totals.shipping + r.totals.tax;
        expect(r.totals.total).toBe(expected);
      }),
      runs,
    );
  });

  it('prices the same whatever order the automatic promotions are listed in', () => {
    fc.assert(
      fc.property(inputArb, fc.infiniteStream(fc.nat()), (input, rnd) => {
        const shuffled = [...input.automatic]
          .map((r) => [rnd.next().value as number, r] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, r]) => r);
        expect(calculate({ ...input, automatic: shuffled })).toEqual(calculate(input));
      }),
      { numRuns: 100 },
    );
  });

  it('a rejected code changes nothing but the code outcome', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = calculate(input);
        fc.pre(r.code !== null && !r.code.applied);
        expect(r.code!.reason).not.toBeNull();
        expect({ ...calculate({ ...input, code: null }), code: r.code }).toEqual(r);
      }),
      runs,
    );
  });
});
