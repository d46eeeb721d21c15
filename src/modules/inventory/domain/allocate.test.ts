import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, mergeLines, type LocationStock } from './allocate.ts';

const loc = (locationId: string, available: number, isDefault = false): LocationStock => ({
  locationId,
  available,
  isDefault,
});

describe('allocate', () => {
  it('takes the whole line from the default location when it can', () => {
    expect(allocate(3, [loc('b', 10), loc('a', 3, true)])).toEqual([{ locationId: 'a', quantity: 3 }]);
  });

  it('otherwise uses one location that can ship it all, the largest', () => {
    expect(allocate(5, [loc('a', 2, true), loc('b', 6), loc('c', 9)])).toEqual([{ locationId: 'c', quantity: 5 }]);
  });

  it('splits across the fewest locations, largest first, when none can ship it alone', () => {
    expect(allocate(10, [loc('a', 4, true), loc('b', 3), loc('c', 7)])).toEqual([
      { locationId: 'c', quantity: 7 },
      { locationId: 'a', quantity: 3 },
    ]);
  });

  it('breaks ties by default location, then by id, so the result is stable', () => {
    expect(allocate(6, [loc('z', 3), loc('y', 3), loc('x', 3, true)])).toEqual([
      { locationId: 'x', quantity: 3 },
      { locationId: 'y', quantity: 3 },
    ]);
  });

  it('returns null when all locations together hold too little, and ignores empty ones', () => {
    expect(allocate(4, [loc('a', 3, true), loc('b', 0)])).toBeNull();
    expect(allocate(1, [])).toBeNull();
    expect(allocate(2, [loc('a', 0, true), loc('b', 2)])).toEqual([{ locationId: 'b', quantity: 2 }]);
  });

  it('refuses a quantity that is not a positive integer', () => {
    expect(() => allocate(0, [loc('a', 1)])).toThrow(RangeError);
    expect(() => allocate(1.5, [loc('a', 2)])).toThrow(RangeError);
  });

  it('property: allocates exactly the quantity within what each location has, on the fewest locations', () => {
    const stock = fc
      .uniqueArray(
        fc.record({
          locationId: fc.string({ minLength: 1, maxLength: 4 }),
          available: fc.integer({ min: 0, max: 50 }),
        }),
        {
          selector: (s) => s.locationId,
          maxLength: 6,
        },
      )
      .chain((rows) =>
        fc.record({
          rows: fc.constant(rows),
          defaultIndex: fc.integer({ min: -1, max: Math.max(rows.length - 1, -1) }),
        }),
      );
    fc.assert(
      fc.property(stock, fc.integer({ min: 1, max: 200 }), ({ rows, defaultIndex }, quantity) => {
        const levels = rows.map((r, i) => loc(r.locationId, r.available, i === defaultIndex));
        const total = levels.reduce((s, l) => s + l.available, 0);
        const result = allocate(quantity, levels);
        if (total < quantity) return result === null;
        if (!result) return false;
        const byId = new Map(levels.map((l) => [l.locationId, l]));
        const distinct = new Set(result.map((a) => a.locationId)).size === result.length;
        const fits = result.every((a) => a.quantity > 0 && a.quantity <= byId.get(a.locationId)!.available);
        const exact = result.reduce((s, a) => s + a.quantity, 0) === quantity;
        // The fewest locations that can hold the quantity: the k largest, for the smallest such k.
        const sorted = levels.map((l) => l.available).sort((a, b) => b - a);
        let k = 0;
        for (let sum = 0; sum < quantity; k++) sum += sorted[k];
        const home = levels.find((l) => l.isDefault);
        const fewest =
          home && home.available >= quantity
            ? result.length === 1 && result[0].locationId === home.locationId
            : result.length === k;
        return distinct && fits && exact && fewest;
      }),
      { numRuns: 500 },
    );
  });
});

describe('mergeLines', () => {
  it('sums lines of one variant and orders variants by id', () => {
    expect([
      ...mergeLines([
        { variantId: 'b', quantity: 2 },
        { variantId: 'a', quantity: 1 },
        { variantId: 'b', quantity: 2 },
      ]),
    ]).toEqual([
      ['a', 1],
      ['b', 4],
    ]);
  });
});
