import { describe, expect, it } from 'vitest';
import { isEmptyListing, normaliseSearchTerm } from './search-term.ts';

describe('search terms for reports', () => {
  it('normalises case, spaces, width and control characters, within the bound', () => {
    expect(normaliseSearchTerm('  Merino\t\tSWEATER \u0000 ')).toBe('merino sweater');
    expect(normaliseSearchTerm('ＭＵＧ')).toBe('mug');
    expect(normaliseSearchTerm('x'.repeat(500))).toHaveLength(100);
    expect(normaliseSearchTerm(' \u0000 ')).toBe('');
  });

  it('tells an empty listing from one with products by its prefix', () => {
    expect(isEmptyListing('{"items":[],"nextCursor":null}')).toBe(true);
    expect(isEmptyListing('{"items":[{"id":"x"}],"nextCursor":null}')).toBe(false);
    expect(isEmptyListing(undefined)).toBe(false);
  });
});
