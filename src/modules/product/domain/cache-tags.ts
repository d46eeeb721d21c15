/**
 * The tags a cached store read depends on, and the tags a change bumps (adapters/catalog-cache.ts).
 * `product:<id>` is everything shown of one product. The `listings:*` tags stand for what decides
 * which products a listing holds and in what order: the catalog itself (new, removed, published,
 * re-linked or re-worded products), and each projection that a sort, a filter or a facet reads.
 */
export type CatalogChange =
  /**
   * A catalog edit: products' content, links or words, or the search settings. With `scope` (the
   * categories, ancestors included, and collections the products are or were in, by id and handle),
   * only the listings of those and the unfiltered ones; without it, every listing.
   */
  | { kind: 'catalog'; scope?: ListingScope }
  /** Categories or collections made, renamed, moved or deleted: their lists, and the pages naming them. */
  | { kind: 'taxonomy' }
  /** A price in one currency; `membership` when the product gained or lost its listing row there. */
  | { kind: 'price'; currency: string; membership: boolean }
  /** A variant's in-stock flag flipped. */
  | { kind: 'stock' }
  | { kind: 'rating' };

/** Where changed products can show: the categories and collections whose listings may hold them. */
export interface ListingScope {
  categories: string[];
  collections: string[];
}

export const CATALOG = 'listings:catalog';
/** Listings not narrowed to a category or collection (the whole shop, and search). */
export const UNFILTERED = 'listings:unfiltered';
export const categoryTag = (idOrHandle: string) => `listings:category:${idOrHandle.toLowerCase()}`;
export const collectionTag = (idOrHandle: string) => `listings:collection:${idOrHandle.toLowerCase()}`;
export const priceTag = (currency: string) => `listings:price:${currency}`;
export const STOCK = 'listings:stock';
export const RATING = 'listings:rating';
/** The category tree and the collections, and the product pages that name them. */
export const TAXONOMY = 'taxonomy';

export function tagsOfChange(change: CatalogChange): string[] {
  switch (change.kind) {
    case 'catalog':
      return change.scope
        ? [UNFILTERED, ...change.scope.categories.map(categoryTag), ...change.scope.collections.map(collectionTag)]
        : [CATALOG];
    case 'taxonomy':
      return [CATALOG, TAXONOMY];
    case 'price':
      return change.membership ? [priceTag(change.currency), CATALOG] : [priceTag(change.currency)];
    case 'stock':
      return [STOCK];
    case 'rating':
      return [RATING];
  }
}

/** The parts of a listing query its scope depends on (routes/schemas.ts ListQuery). */
export interface ListingShape {
  category?: string;
  collection?: string;
  q?: string;
  sort?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  minRating?: number;
  facets?: boolean;
}

/**
 * The tags a listing page depends on besides the products it shows: the catalog always, and which
 * products its category or collection holds (the whole shop's, unfiltered); prices
 * when it sorts or filters by price or counts price buckets; stock when it filters by it or counts
 * it; ratings when it sorts or filters by them. A newest-first page of a category is then kept
 * through any price, stock or rating change of a product it does not show.
 */
export function listingScope(q: ListingShape, currency: string): string[] {
  const facets = q.facets ?? q.q !== undefined;
  const tags = [CATALOG];
  if (q.category) tags.push(categoryTag(q.category));
  if (q.collection) tags.push(collectionTag(q.collection));
  if (!q.category && !q.collection) tags.push(UNFILTERED);
  if (
    facets ||
    q.sort === 'price_asc' ||
    q.sort === 'price_desc' ||
    q.minPrice !== undefined ||
    q.maxPrice !== undefined
  )
    tags.push(priceTag(currency));
  if (facets || q.inStock !== undefined) tags.push(STOCK);
  if (q.sort === 'rating' || q.minRating !== undefined) tags.push(RATING);
  return tags;
}
