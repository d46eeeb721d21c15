import { describe, expect, it } from 'vitest';
import { handleCandidate, slugify } from './slug.ts';

describe('slugify', () => {
  it('folds accents, lower-cases and joins words with dashes', () => {
    expect(slugify('  Crème Brûlée — Deluxe! ')).toBe('creme-brulee-deluxe');
  });
  it('never answers an empty handle', () => {
    expect(slugify('!!!')).toBe('item');
  });
  it('numbers the candidates after the first', () => {
    expect([0, 1, 2].map((i) => handleCandidate('shirt', i))).toEqual(['shirt', 'shirt-2', 'shirt-3']);
  });
});
