import { describe, expect, it } from 'vitest';
import { bpsToPpm, ppmToBps } from './tax-rate.ts';

describe('tax rate units', () => {
  it('basis points with up to two decimals are exact parts per million, and back', () => {
    expect(bpsToPpm(1900)).toBe(190_000);
    expect(bpsToPpm(887.5)).toBe(88_750);
    expect(bpsToPpm(0.01)).toBe(1);
    expect(ppmToBps(88_750)).toBe(887.5);
  });

  it('a third decimal is a 400, not a silent rounding', () => {
    expect(() => bpsToPpm(887.505)).toThrow('at most two decimals');
  });
});
