import type { EntityManager } from '../../../../platform/db/index.ts';
import type { Currency } from '../../../pricing/contract.ts';
import type { SearchSettings } from '../../entities/search-settings.ts';

export interface SearchRequest {
  q: string;
  currency: Currency;
  categoryPath?: string;
  categoryIds?: string[];
  collectionIds?: string[];
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  minRating?: number;
  sort: 'relevance' | 'newest' | 'price_asc' | 'price_desc' | 'title' | 'rating';
  limit: number;
  offset: number;
}

export interface SearchHits {
  ids: string[];
  total: number;
  facets: {
    categories: { id: string; count: number }[];
    priceBuckets: { min: number; max: number | null; count: number }[];
    inStock: { true: number; false: number };
  };
}

/**
 * Where full-text search runs. The Postgres backend searches the catalog tables themselves (the
 * listing query does it, so `search` answers null); an external engine holds its own copy of
 * each published product, kept in step by `sync` and repaired by `reconcile`.
 */
export interface SearchIndex {
  readonly kind: 'postgres' | 'meilisearch';
  /** Ranked product ids and facets, or null when the listing query searches by itself. */
  search(req: SearchRequest): Promise<SearchHits | null>;
  /** Brings these products' documents up to date (called after the change committed). */
  sync(em: EntityManager, productIds: string[]): Promise<void>;
  /** Rebuilds every document from the catalog. */
  rebuild(em: EntityManager): Promise<{ indexed: number }>;
  /** Finds documents missing, stale or orphaned and repairs them; returns how many it fixed. */
  reconcile(em: EntityManager): Promise<{ repaired: number }>;
  /** Applies staff's synonyms and stop words (the Postgres backend reads them with its vocabulary). */
  configure(settings: SearchSettings): Promise<void>;
}
