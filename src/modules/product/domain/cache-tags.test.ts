import { describe, expect, it } from 'vitest';
import {
  CATALOG,
  categoryTag,
  collectionTag,
  listingScope,
  priceTag,
  RATING,
  STOCK,
  tagsOfChange,
  TAXONOMY,
  UNFILTERED,
} from './cache-tags.ts';

describe('cache tags', () => {
  it('a newest-first page depends on the catalog and on which products its category holds', () => {
    expect(listingScope({}, 'EUR')).toEqual([CATALOG, UNFILTERED]);
    expect(listingScope({ sort: 'title', category: 'shoes' }, 'EUR')).toEqual([CATALOG, categoryTag('shoes')]);
    expect(listingScope({ category: 'c1', collection: 'k1' }, 'EUR')).toEqual([
      CATALOG,
      categoryTag('c1'),
      collectionTag('k1'),
    ]);
  });

  it('sorts, filters and facets add the projections they read', () => {
    expect(listingScope({ sort: 'price_asc' }, 'USD')).toEqual([CATALOG, UNFILTERED, priceTag('USD')]);
    expect(listingScope({ minPrice: 100 }, 'EUR')).toEqual([CATALOG, UNFILTERED, priceTag('EUR')]);
    expect(listingScope({ inStock: true }, 'EUR')).toEqual([CATALOG, UNFILTERED, STOCK]);
    expect(listingScope({ minRating: 4 }, 'EUR')).toEqual([CATALOG, UNFILTERED, RATING]);
    expect(listingScope({ q: 'wool' }, 'EUR')).toEqual([CATALOG, UNFILTERED, priceTag('EUR'), STOCK]);
  });

  it('a price change bumps its currency, and the catalog only when a listing row came or went', () => {
    expect(tagsOfChange({ kind: 'price', currency: 'EUR', membership: false })).toEqual([priceTag('EUR')]);
    expect(tagsOfChange({ kind: 'price', currency: 'EUR', membership: true })).toEqual([priceTag('EUR'), CATALOG]);
    expect(tagsOfChange({ kind: 'stock' })).toEqual([STOCK]);
    expect(tagsOfChange({ kind: 'taxonomy' })).toEqual([CATALOG, TAXONOMY]);
  });

  it('a catalog edit with its scope bumps only those categories, collections and the unfiltered listings', () => {
    expect(tagsOfChange({ kind: 'catalog' })).toEqual([CATALOG]);
    expect(tagsOfChange({ kind: 'catalog', scope: { categories: ['c1', 'shoes'], collections: ['k1'] } })).toEqual([
      UNFILTERED,
      categoryTag('c1'),
      categoryTag('shoes'),
      collectionTag('k1'),
    ]);
  });
});
