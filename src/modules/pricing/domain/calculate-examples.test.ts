import { describe, expect, it } from 'vitest';
import { calculate } from './calculate.ts';
import type { LineInput, PricingInput, PromotionRule } from './types.ts';

const AT = new Date('2030-06-15T12:00:00Z');

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
