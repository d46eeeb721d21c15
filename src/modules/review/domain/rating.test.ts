import { describe, expect, it } from 'vitest';
import { ratingOf } from './rating.ts';

describe('ratingOf', () => {
  const id = '0190a000-0000-7000-8000-000000000000';
  it('averages the stars to two decimals and counts each star', () => {
    expect(ratingOf(id, 3, [0, 0, 1, 0, 2])).toEqual({
      productId: id,
      version: 3,
      average: 4.33,
      count: 3,
      distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 2 },
    });
  });
  it('is 0 with no published review', () => {
    expect(ratingOf(id, 1, [])).toMatchObject({ average: 0, count: 0, distribution: { 1: 0, 5: 0 } });
  });
});
