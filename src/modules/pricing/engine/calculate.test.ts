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

// ---- examples ----

const line = (unitPrice: number, quantity = 1, over: Partial<LineInput> = {}): LineInput => ({
  variantId: `v-${unitPrice}-${quantity}`,
  productId: 'p1',
  categoryIds: [],
  quantity,
  unitPrice,
  ...over,
});

const rule = (over: Partial<PromotionRule>): PromotionRule => ({
  id: 'r1',
  name: 'Promo',
  code: null,
  kind: 'percentage',
  percentBps: 1000,
  amounts: {},
  productIds: [],
  categoryIds: [],
  minSubtotal: {},
  startsAt: null,
  endsAt: null,
  oncePerCustomer: false,
  limitReached: false,
  usedByCustomer: false,
  ...over,
});

const base = (over: Partial<PricingInput>): PricingInput => ({
  currency: 'EUR',
  at: AT,
  taxInclusive: true,
  taxRatePpm: 190_000,
  lines: [],
  shippingAmount: null,
  automatic: [],
  code: null,
  hasCustomer: false,
  ...over,
});

describe('pricing engine: examples', () => {
  it('19 % VAT, tax-inclusive EUR: the tax is the part of the gross', () => {
    const r = calculate(base({ lines: [line(11_900), line(999, 3)] }));
    expect(r.lines[0]).toMatchObject({ subtotal: 11_900, discount: 0, net: 10_000, tax: 1_900, total: 11_900 });
    // 2997 * 0.19 / 1.19 = 478.51... -> 479
    expect(r.lines[1]).toMatchObject({ subtotal: 2_997, net: 2_518, tax: 479, total: 2_997 });
    expect(r.totals).toEqual({ subtotal: 14_897, discount: 0, shipping: 0, tax: 2_379, total: 14_897 });
  });

  it('8.875 % sales tax, tax-exclusive USD: added on top, a half cent rounds up', () => {
    const r = calculate(
      base({ currency: 'USD', taxInclusive: false, taxRatePpm: 88_750, lines: [line(10_000), line(1_999, 2)] }),
    );
    // 100.00 * 8.875 % = 8.875 -> 8.88; 39.98 * 8.875 % = 3.548225 -> 3.55
    expect(r.lines[0]).toMatchObject({ net: 10_000, tax: 888, total: 10_888 });
    expect(r.lines[1]).toMatchObject({ net: 3_998, tax: 355, total: 4_353 });
    expect(r.totals).toEqual({ subtotal: 13_998, discount: 0, shipping: 0, tax: 1_243, total: 15_241 });
  });

  it('shipping is taxed at the same rate and never discounted', () => {
    const r = calculate(
      base({
        currency: 'USD',
        taxInclusive: false,
        taxRatePpm: 88_750,
        lines: [line(10_000)],
        shippingAmount: 500,
        automatic: [rule({ percentBps: 10_000 })],
      }),
    );
    expect(r.lines[0]).toMatchObject({ discount: 10_000, net: 0, tax: 0, total: 0 });
    expect(r.shipping).toEqual({ amount: 500, net: 500, tax: 44, total: 544 }); // 44.375 -> 44
    expect(r.totals).toEqual({ subtotal: 10_000, discount: 10_000, shipping: 500, tax: 44, total: 544 });
  });

  it('percentage vs fixed: percentages first, then fixed amounts on what is left', () => {
    const pct = rule({ id: 'b', percentBps: 1_000 });
    const fixed = rule({ id: 'a', kind: 'fixed', percentBps: null, amounts: { EUR: 700 } });
    const only = (automatic: PromotionRule[]) => calculate(base({ lines: [line(5_000)], automatic })).totals.discount;
    expect(only([pct])).toBe(500);
    expect(only([fixed])).toBe(700);
    const both = calculate(base({ lines: [line(5_000)], automatic: [fixed, pct] }));
    expect(both.promotions.map((p) => [p.promotionId, p.amount])).toEqual([
      ['b', 500],
      ['a', 700],
    ]);
    expect(both.totals.total).toBe(3_800);
    // a fixed amount larger than what is left takes only what is left
    expect(
      calculate(
        base({ lines: [line(300)], automatic: [rule({ kind: 'fixed', percentBps: null, amounts: { EUR: 1_000 } })] }),
      ).totals,
    ).toMatchObject({ discount: 300, total: 0, tax: 0 });
    // no amount in the order's currency: not applied
    expect(calculate(base({ currency: 'USD', lines: [line(300)], automatic: [fixed] })).promotions).toEqual([]);
  });

  it('an order-level discount is spread over the lines by largest remainder', () => {
    const r = calculate(
      base({
        taxRatePpm: 0,
        lines: [line(100, 1, { variantId: 'a' }), line(100, 1, { variantId: 'b' }), line(100, 1, { variantId: 'c' })],
        automatic: [rule({ kind: 'fixed', percentBps: null, amounts: { EUR: 100 } })],
      }),
    );
    expect(r.lines.map((l) => l.discount)).toEqual([34, 33, 33]);
    expect(r.totals.total).toBe(200);
  });

  it('product and category promotions touch only their lines', () => {
    const lines = [
      line(1_000, 1, { productId: 'shoes' }),
      line(2_000, 1, { productId: 'hat', categoryIds: ['summer'] }),
      line(4_000, 1, { productId: 'coat' }),
    ];
    const r = calculate(
      base({
        lines,
        automatic: [
          rule({ id: 'p', productIds: ['shoes'], percentBps: 5_000 }),
          rule({ id: 'c', kind: 'fixed', percentBps: null, amounts: { EUR: 300 }, categoryIds: ['summer'] }),
        ],
      }),
    );
    expect(r.lines.map((l) => l.discount)).toEqual([500, 300, 0]);
    const none = calculate(base({ lines, code: { code: 'X', promotion: rule({ code: 'X', productIds: ['socks'] }) } }));
    expect(none.code).toEqual({ code: 'X', applied: false, reason: 'not_applicable' });
  });

  it('a code below its minimum subtotal is rejected and the order priced without it', () => {
    const promo = rule({ code: 'BIG', minSubtotal: { EUR: 10_000 } });
    const r = calculate(base({ lines: [line(9_999)], code: { code: 'big', promotion: promo } }));
    expect(r.code).toEqual({ code: 'big', applied: false, reason: 'minimum_not_met' });
    expect(r.totals.discount).toBe(0);
    const ok = calculate(base({ lines: [line(10_000)], code: { code: 'big', promotion: promo } }));
    expect(ok.code).toEqual({ code: 'big', applied: true, reason: null });
    expect(ok.totals.discount).toBe(1_000);
  });

  it('an expired or not yet started promotion does not apply; the end is exclusive', () => {
    const at = AT;
    const code = (over: Partial<PromotionRule>) =>
      calculate(base({ at, lines: [line(1_000)], code: { code: 'C', promotion: rule({ code: 'C', ...over }) } })).code;
    expect(code({ endsAt: new Date(at.getTime() - 1) })?.reason).toBe('expired');
    expect(code({ endsAt: at })?.reason).toBe('expired');
    expect(code({ startsAt: new Date(at.getTime() + 1) })?.reason).toBe('not_started');
    expect(code({ startsAt: at, endsAt: new Date(at.getTime() + 1) })?.applied).toBe(true);
    expect(calculate(base({ at, lines: [line(1_000)], automatic: [rule({ endsAt: at })] })).promotions).toEqual([]);
  });

  it('reports unknown codes, used-up limits, guests on once-per-customer codes, second uses', () => {
    const code = (promotion: PromotionRule | null, hasCustomer = true) =>
      calculate(base({ lines: [line(1_000)], hasCustomer, code: { code: 'C', promotion } })).code?.reason;
    expect(code(null)).toBe('unknown');
    expect(code(rule({ code: 'C', limitReached: true }))).toBe('limit_reached');
    expect(code(rule({ code: 'C', oncePerCustomer: true }), false)).toBe('customer_required');
    expect(code(rule({ code: 'C', oncePerCustomer: true, usedByCustomer: true }))).toBe('already_used');
    expect(code(rule({ code: 'C', oncePerCustomer: true }))).toBeNull();
  });

  it('an automatic promotion and one code stack: the automatic one first', () => {
    const r = calculate(
      base({
        taxRatePpm: 0,
        lines: [line(10_000)],
        automatic: [rule({ id: 'z-auto', percentBps: 1_000 })],
        code: { code: 'TEN', promotion: rule({ id: 'a-code', code: 'TEN', percentBps: 1_000 }) },
      }),
    );
    expect(r.promotions.map((p) => [p.promotionId, p.amount])).toEqual([
      ['z-auto', 1_000],
      ['a-code', 900],
    ]);
    expect(r.totals.total).toBe(8_100);
  });

  it('JPY (no minor unit) follows the same integer rules', () => {
    const r = calculate(
      base({ currency: 'JPY', taxRatePpm: 100_000, lines: [line(1_234)], automatic: [rule({ percentBps: 1_500 })] }),
    );
    // 1234 * 15 % = 185.1 -> 185; 1049 * 10/110 = 95.36 -> 95
    expect(r.lines[0]).toMatchObject({ discount: 185, total: 1_049, tax: 95, net: 954 });
  });
});
