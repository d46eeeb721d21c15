import { describe, expect, it } from 'vitest';
import { editDistance, typosAllowed } from './edit-distance.ts';

describe('editDistance', () => {
  it('counts substitutions, insertions and deletions as one edit each', () => {
    expect(editDistance('jaket', 'jacket', 2)).toBe(1);
    expect(editDistance('sweatr', 'sweater', 2)).toBe(1);
    expect(editDistance('cashmire', 'cashmere', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
  });
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('oragnic', 'organic', 2)).toBe(1);
    expect(editDistance('swaeter', 'sweater', 2)).toBe(1);
    expect(editDistance('ab', 'ba', 2)).toBe(1);
  });
  it('edits around a swapped pair (unrestricted Damerau–Levenshtein)', () => {
    expect(editDistance('herigte', 'heritage', 3)).toBe(2);
    expect(editDistance('ca', 'abc', 3)).toBe(2);
    expect(editDistance('cashrme', 'cashmere', 3)).toBe(2);
  });
  it('stops at max + 1 when the words are farther apart', () => {
    expect(editDistance('linen', 'leather', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('same', 'same', 0)).toBe(0);
  });
  it('is symmetric', () => {
    for (const [a, b] of [
      ['corduroy', 'cordroy'],
      ['tweed', 'twede'],
      ['parka', 'prka'],
    ])
      expect(editDistance(a, b, 3)).toBe(editDistance(b, a, 3));
  });
});

describe('typosAllowed', () => {
  it('allows none for short words, one up to 7 letters, two from 8', () => {
    expect([2, 3, 7, 8, 12].map(typosAllowed)).toEqual([0, 1, 1, 2, 2]);
  });
});
