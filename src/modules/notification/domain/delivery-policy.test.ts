import { describe, expect, it } from 'vitest';
import { backoffMs, DELIVERY } from './delivery-policy.ts';

describe('delivery backoff', () => {
  it('doubles from the base after every failed attempt, up to the cap', () => {
    const none = () => 0;
    expect([1, 2, 3, 4].map((n) => backoffMs(n, none))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffMs(40, none)).toBe(DELIVERY.backoffMaxMs);
  });
  it('adds at most the jitter share', () => {
    expect(backoffMs(1, () => 0.999)).toBeLessThanOrEqual(1_000 * (1 + DELIVERY.jitter));
    expect(backoffMs(3, () => 0.5)).toBe(4_200);
  });
});
