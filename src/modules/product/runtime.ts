import type { Platform } from '../../platform/host/platform.ts';
import { CatalogCache } from './adapters/catalog-cache.ts';
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
   * After a committed change: drop cached store reads, bring these products' search documents up
   * to date; `words: false` from projections (price, stock, rating), which change no indexed word.
   */
  refreshCacheAndSearch(productIds: string[], changed?: { words: boolean }): Promise<void>;
}

let runtime: ProductRuntime | undefined;

/** Set once at start (before any handler or route runs); handlers are defined before the platform exists. */
export function initProductRuntime(platform: Platform): void {
  const { MEILI_URL, MEILI_KEY } = platform.config;
  const cache = new CatalogCache(platform.cache, platform.config.CATALOG_CACHE_SECONDS);
  const search: SearchIndex = MEILI_URL ? new MeiliSearch(MEILI_URL, MEILI_KEY) : new PostgresSearch();
  const vocabulary = new SearchVocabulary(platform.orm, platform.config.SEARCH_VOCABULARY_SECONDS * 1000);
  runtime = {
    platform,
    cache,
    search,
    vocabulary,
    refreshCacheAndSearch: async (productIds, changed = { words: true }) => {
      if (changed.words) vocabulary.invalidate();
      await cache.invalidate();
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
