import { describe, expect, it } from 'vitest';
import { priceBucketEdges, priceBuckets } from './price-buckets.ts';

describe('price buckets', () => {
  it('places the edges in minor units of the currency', () => {
    expect(priceBucketEdges('EUR')).toEqual([0, 2500, 5000, 10000, 20000]);
  });
  it('closes every bucket at the next edge but the last', () => {
    expect(priceBuckets([0, 10, 20], [1, 2, 3])).toEqual([
      { min: 0, max: 10, count: 1 },
      { min: 10, max: 20, count: 2 },
      { min: 20, max: null, count: 3 },
    ]);
  });
});
