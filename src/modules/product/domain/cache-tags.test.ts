import { describe, expect, it } from 'vitest';
import { CATALOG, listingScope, priceTag, RATING, STOCK, tagsOfChange, TAXONOMY } from './cache-tags.ts';

describe('cache tags', () => {
  it('a newest-first page depends on the catalog only', () => {
    expect(listingScope({}, 'EUR')).toEqual([CATALOG]);
    expect(listingScope({ sort: 'title' }, 'EUR')).toEqual([CATALOG]);
  });

  it('sorts, filters and facets add the projections they read', () => {
    expect(listingScope({ sort: 'price_asc' }, 'USD')).toEqual([CATALOG, priceTag('USD')]);
    expect(listingScope({ minPrice: 100 }, 'EUR')).toEqual([CATALOG, priceTag('EUR')]);
    expect(listingScope({ inStock: true }, 'EUR')).toEqual([CATALOG, STOCK]);
    expect(listingScope({ minRating: 4 }, 'EUR')).toEqual([CATALOG, RATING]);
    expect(listingScope({ q: 'wool' }, 'EUR')).toEqual([CATALOG, priceTag('EUR'), STOCK]);
  });

  it('a price change bumps its currency, and the catalog only when a listing row came or went', () => {
    expect(tagsOfChange({ kind: 'price', currency: 'EUR', membership: false })).toEqual([priceTag('EUR')]);
    expect(tagsOfChange({ kind: 'price', currency: 'EUR', membership: true })).toEqual([priceTag('EUR'), CATALOG]);
    expect(tagsOfChange({ kind: 'stock' })).toEqual([STOCK]);
    expect(tagsOfChange({ kind: 'catalog' })).toEqual([CATALOG]);
    expect(tagsOfChange({ kind: 'taxonomy' })).toEqual([CATALOG, TAXONOMY]);
  });
});
