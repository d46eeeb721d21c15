import { describe, expect, it } from 'vitest';
import { distinctSortedPairs, lowestPrice, needsPublishing } from './shelf-price.ts';

const pair = { variantId: 'v1', currency: 'EUR' as const };

describe('shelf price', () => {
  it('the lowest of the base price and the best list price wins; a list price that is not lower does not', () => {
    expect(lowestPrice(pair, 1000, { amount: 800, priceListId: 'l1' })).toEqual({
      ...pair,
      amount: 800,
      originalAmount: 1000,
      priceListId: 'l1',
    });
    expect(lowestPrice(pair, 1000, { amount: 1000, priceListId: 'l1' })).toMatchObject({
      amount: 1000,
      priceListId: null,
    });
    expect(lowestPrice(pair, null, { amount: 900, priceListId: 'l2' })).toMatchObject({
      amount: 900,
      originalAmount: null,
    });
    expect(lowestPrice(pair, null, null)).toMatchObject({ amount: null, originalAmount: null, priceListId: null });
  });

  it('publishes a price that changed in amount, base or tax mode, and a first price, but never "still unpriced"', () => {
    const now = lowestPrice(pair, 1000, null);
    const before = { amount: 1000, originalAmount: 1000, taxInclusive: true };
    expect(needsPublishing(before, now, true)).toBe(false);
    expect(needsPublishing(before, now, false)).toBe(true);
    expect(needsPublishing({ ...before, amount: 900 }, now, true)).toBe(true);
    expect(needsPublishing(undefined, now, true)).toBe(true);
    expect(needsPublishing(undefined, lowestPrice(pair, null, null), true)).toBe(false);
    expect(needsPublishing(before, lowestPrice(pair, null, null), true)).toBe(true);
  });

  it('orders pairs one way and keeps each once (the lock order)', () => {
    const pairs = [
      { variantId: 'b', currency: 'USD' as const },
      { variantId: 'a', currency: 'USD' as const },
      { variantId: 'b', currency: 'EUR' as const },
      { variantId: 'a', currency: 'USD' as const },
    ];
    expect(distinctSortedPairs(pairs).map((p) => `${p.variantId}:${p.currency}`)).toEqual(['a:USD', 'b:EUR', 'b:USD']);
  });
});
