import { describe, expect, it } from 'vitest';
import { newestPerVariant } from './stock-batch.ts';

describe('a batch of stock events', () => {
  it('keeps the newest event per variant, whatever the arrival order', () => {
    const got = newestPerVariant([
      { variantId: 'a', available: 5, inStock: true, sequence: 2 },
      { variantId: 'b', available: 0, inStock: false, sequence: 1 },
      { variantId: 'a', available: 0, inStock: false, sequence: 3 },
      { variantId: 'a', available: 9, inStock: true, sequence: 1 },
    ]);
    expect(got).toEqual([
      { variantId: 'a', available: 0, inStock: false, sequence: 3 },
      { variantId: 'b', available: 0, inStock: false, sequence: 1 },
    ]);
  });
});
