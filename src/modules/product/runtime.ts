import type { EntityManager } from '../../platform/db/index.ts';
import type { Platform } from '../../platform/host/platform.ts';
import { CatalogCache } from './adapters/catalog-cache.ts';
import type { CatalogChange, ListingScope } from './domain/cache-tags.ts';
import { listingScopeOf, mergeScopes } from './entities/listing-scope.ts';
import { MeiliSearch } from './adapters/search/meilisearch.ts';
import { PostgresSearch } from './adapters/search/postgres.ts';
import type { SearchIndex } from './adapters/search/port.ts';
import { SearchVocabulary } from './adapters/search/vocabulary.ts';

interface ProductRuntime {
  platform: Platform;
  cache: CatalogCache;
  search: SearchIndex;
  /** The indexed words and staff's synonyms and stop words, read by the query planner. */
  vocabulary: SearchVocabulary;
  /**
   * After a committed change: drop the cached store reads that depend on it (these products' and
   * the listings the change can reorder), bring these products' search documents up to date. Only
   * a catalog edit changes indexed words; projections (price, stock, rating) name their kind.
   * Without a `change`, an edit of these products: the listings dropped are those of the categories
   * and collections they are in now, and were in `before` (links read before the edit), and the
   * unfiltered ones; `{ kind: 'catalog' }` drops every listing.
   */
  refreshCacheAndSearch(productIds: string[], change?: CatalogChange, before?: ListingScope): Promise<void>;
  /** The listings these products are in before an edit (for `before` above); none read with the cache off. */
  listingScopeBefore(em: EntityManager, productIds: string[]): Promise<ListingScope | undefined>;
}

let runtime: ProductRuntime | undefined;

/** Set once at start (before any handler or route runs); handlers are defined before the platform exists. */
export function initProductRuntime(platform: Platform): void {
  const { MEILI_URL, MEILI_KEY } = platform.config;
  const cache = new CatalogCache(platform.cache, platform.config.CATALOG_CACHE_SECONDS);
  const search: SearchIndex = MEILI_URL ? new MeiliSearch(MEILI_URL, MEILI_KEY) : new PostgresSearch();
  const scopeOf = (productIds: string[]) => listingScopeOf(platform.orm.em.fork(), productIds);
  const vocabulary = new SearchVocabulary(platform.orm, platform.config.SEARCH_VOCABULARY_SECONDS * 1000);
  runtime = {
    platform,
    cache,
    search,
    vocabulary,
    listingScopeBefore: async (em, productIds) => (cache.enabled ? listingScopeOf(em, productIds) : undefined),
    refreshCacheAndSearch: async (productIds, given, before) => {
      // With the cache off no entry depends on a scope: drop every listing (no entry, and right
      // should another process cache) rather than read it, a statement on every staff edit.
      const change: CatalogChange =
        given ??
        (productIds.length && cache.enabled
          ? {
              kind: 'catalog',
              scope: mergeScopes(before ?? { categories: [], collections: [] }, await scopeOf(productIds)),
            }
          : { kind: 'catalog' });
      if (change.kind === 'catalog' || change.kind === 'taxonomy') vocabulary.invalidate();
      await cache.invalidate(productIds, change);
      if (productIds.length) {
        await search
          .sync(platform.orm.em.fork(), productIds)
          .catch((err) => platform.log.warn({ err, productIds }, 'search sync failed; reconciliation will repair it'));
      }
    },
  };
}

export function productRuntime(): ProductRuntime {
  if (!runtime) throw new Error('product module used before its setup ran');
  return runtime;
}
