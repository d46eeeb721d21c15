import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, mulDivRound } from './money.ts';

const amount = fc.integer({ min: 0, max: 1_000_000_000_000_000 });

describe('mulDivRound (the one rounding rule: half-up)', () => {
  it('rounds ties up and everything else to the nearest integer', () => {
    expect(mulDivRound(1, 1, 2)).toBe(1); // 0.5 -> 1
    expect(mulDivRound(3, 1, 2)).toBe(2); // 1.5 -> 2
    expect(mulDivRound(5, 1, 2)).toBe(3); // 2.5 -> 3 (half-even would give 2)
    expect(mulDivRound(10_000, 88_750, 1_000_000)).toBe(888); // 887.5 -> 888
    expect(mulDivRound(1, 1, 3)).toBe(0);
    expect(mulDivRound(2, 1, 3)).toBe(1);
  });

  it('is exact beyond 2^53 intermediates and matches the rational definition', () => {
    // rates as the engine uses them: numerator <= denominator
    const rate = fc
      .integer({ min: 1, max: 2_000_000 })
      .chain((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.constant(d)));
    fc.assert(
      fc.property(amount, rate, (a, [n, d]) => {
        const r = mulDivRound(a, n, d);
        expect(Number.isSafeInteger(r)).toBe(true);
        const exact = BigInt(a) * BigInt(n);
        const diff2 = 2n * (exact - BigInt(r) * BigInt(d)); // 2 * (exact - r*d), in units of 1/d
        // exact/d - r lies in [-1/2, 1/2): within half a unit, and a tie went up
        expect(diff2 >= -BigInt(d) && diff2 < BigInt(d)).toBe(true);
      }),
    );
  });

  it('refuses negative or fractional input rather than guessing', () => {
    expect(() => mulDivRound(-1, 1, 2)).toThrow(RangeError);
    expect(() => mulDivRound(1.5, 1, 2)).toThrow(RangeError);
    expect(() => mulDivRound(1, 1, 0)).toThrow(RangeError);
  });
});

describe('allocate (largest remainder)', () => {
  it('splits 100 over three equal lines as 34/33/33 (the earlier line takes the extra unit)', () => {
    expect(allocate(100, [100, 100, 100])).toEqual([34, 33, 33]);
    expect(allocate(10, [1, 2, 7])).toEqual([1, 2, 7]);
    expect(allocate(5, [0, 0, 10])).toEqual([0, 0, 5]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
  });

  it('parts sum to the total, stay within one unit of the exact share and never exceed their weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { minLength: 1, maxLength: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, f) => {
          const W = weights.reduce((a, b) => a + b, 0);
          fc.pre(W > 0);
          const total = Math.floor(W * f);
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isSafeInteger(p) && p >= 0).toBe(true);
            expect(p).toBeLessThanOrEqual(weights[i]);
            const exactTimesW = BigInt(total) * BigInt(weights[i]);
            const diff = BigInt(p) * BigInt(W) - exactTimesW; // (p - exact) * W
            expect(diff > -BigInt(W) && diff < BigInt(W)).toBe(true);
          });
        },
      ),
    );
  });
});
