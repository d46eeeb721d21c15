import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validate, version } from 'uuid';
import { randomHex, uuidv7 } from './ids.ts';

describe('ids', () => {
  it('makes valid version 7 UUIDs carrying the current millisecond', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it('sorts ids in the order they were made, across many milliseconds and pool refills, with no repeats', () => {
    const ids = Array.from({ length: 50_000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives random hex of the asked length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), (n) => {
        expect(randomHex(n)).toMatch(new RegExp(`^[0-9a-f]{${2 * n}}$`));
      }),
    );
    expect(new Set(Array.from({ length: 1000 }, () => randomHex(16))).size).toBe(1000);
  });
});
