import { describe, expect, it } from 'vitest';
import { assertUniquePrices, assertWindow, priceListStatus } from './price-list.ts';

const at = new Date('2030-01-01T12:00:00Z');
const hour = 3_600_000;
const later = new Date(at.getTime() + hour);
const earlier = new Date(at.getTime() - hour);

describe('price list', () => {
  it('applies in [startsAt, endsAt): scheduled before, active from the start, ended at the end', () => {
    expect(priceListStatus({ startsAt: later }, at)).toBe('scheduled');
    expect(priceListStatus({ startsAt: at }, at)).toBe('active');
    expect(priceListStatus({ startsAt: null, endsAt: null }, at)).toBe('active');
    expect(priceListStatus({ endsAt: at }, at)).toBe('ended');
    expect(priceListStatus({ startsAt: earlier, endsAt: later }, at)).toBe('active');
  });

  it('refuses a window that ends before it starts, and one variant twice in one currency', () => {
    expect(() => assertWindow(later, earlier)).toThrow('endsAt must be after startsAt');
    expect(() => assertWindow(at, at)).toThrow();
    expect(() => assertWindow(null, earlier)).not.toThrow();
    const price = { variantId: 'v1', currency: 'EUR' as const, amount: 100 };
    expect(() => assertUniquePrices([price, { ...price, currency: 'USD' }])).not.toThrow();
    expect(() => assertUniquePrices([price, { ...price, amount: 90 }])).toThrow('more than once');
  });
});
