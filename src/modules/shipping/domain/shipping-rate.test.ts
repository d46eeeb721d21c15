import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shippingRateFor, type ShippingOptionSnapshot } from '../contract.ts';

const option = (
  rates: ShippingOptionSnapshot['rates'],
  over: Partial<ShippingOptionSnapshot> = {},
): ShippingOptionSnapshot => ({
  optionId: '0190f0e0-0000-7000-8000-000000000001',
  version: 1,
  name: 'Option',
  code: 'opt',
  active: true,
  countries: ['DE', 'FR'],
  rates,
  ...over,
});
const flat = option([{ currency: 'EUR', kind: 'flat', amount: 495, perKgAmount: 0, freeAbove: 5000 }]);
const byWeight = option([{ currency: 'EUR', kind: 'by_weight', amount: 995, perKgAmount: 200, freeAbove: null }]);
const cart = (
  over: Partial<{ currency: string; countryCode: string; subtotal: number; weightGrams: number }> = {},
) => ({ currency: 'EUR', countryCode: 'DE', subtotal: 1000, weightGrams: 0, ...over });

describe('shippingRateFor (the contract rule)', () => {
  it('flat: the amount below the threshold, free at and above it', () => {
    expect(shippingRateFor(flat, cart({ subtotal: 4999 }))).toBe(495);
    expect(shippingRateFor(flat, cart({ subtotal: 5000 }))).toBe(0);
    expect(shippingRateFor(flat, cart({ subtotal: 12_000, weightGrams: 50_000 }))).toBe(0);
  });

  it('by weight: amount plus the per-kg amount for every started kilogram', () => {
    const at = (weightGrams: number) => shippingRateFor(byWeight, cart({ weightGrams }));
    expect([0, 1, 999, 1000, 1001, 2000, 2001, -5].map(at)).toEqual([995, 1195, 1195, 1195, 1395, 1395, 1595, 995]);
  });

  it('null when the option does not ship there, is inactive, or has no rate in the currency', () => {
    expect(shippingRateFor(flat, cart({ countryCode: 'US' }))).toBeNull();
    expect(shippingRateFor(flat, cart({ currency: 'USD' }))).toBeNull();
    expect(shippingRateFor({ ...flat, active: false }, cart())).toBeNull();
  });

  it('properties: never negative, free above the threshold, by-weight never cheaper for a heavier cart', () => {
    const rate = fc.record({
      currency: fc.constant('EUR' as const),
      kind: fc.constantFrom('flat' as const, 'by_weight' as const),
      amount: fc.integer({ min: 0, max: 100_000 }),
      perKgAmount: fc.integer({ min: 0, max: 10_000 }),
      freeAbove: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        rate,
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (r, subtotal, w1, w2) => {
          const o = option([r]);
          const light = shippingRateFor(o, cart({ subtotal, weightGrams: Math.min(w1, w2) }))!;
          const heavy = shippingRateFor(o, cart({ subtotal, weightGrams: Math.max(w1, w2) }))!;
          expect(light).toBeGreaterThanOrEqual(0);
          expect(heavy).toBeGreaterThanOrEqual(light);
          if (r.freeAbove !== null && subtotal >= r.freeAbove) expect(heavy).toBe(0);
          else if (r.kind === 'flat') expect(heavy).toBe(r.amount);
          else expect(heavy).toBe(r.amount + r.perKgAmount * Math.ceil(Math.max(w1, w2) / 1000));
        },
      ),
    );
  });
});
