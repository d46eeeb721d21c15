import type { Platform } from '../../platform/host/platform.ts';
import { CatalogCache } from './adapters/catalog-cache.ts';
import { MeiliSearch } from './adapters/search/meilisearch.ts';
import { PostgresSearch } from './adapters/search/postgres.ts';
import type { SearchIndex } from './adapters/search/port.ts';

interface ProductRuntime {
  platform: Platform;
  cache: CatalogCache;
  search: SearchIndex;
  /** After a committed change: drop cached store reads, bring these products' search documents up to date. */
  refreshCacheAndSearch(productIds: string[]): Promise<void>;
}

let runtime: ProductRuntime | undefined;

/** Set once at start (before any handler or route runs); handlers are defined before the platform exists. */
export function initProductRuntime(platform: Platform): void {
  const { MEILI_URL, MEILI_KEY } = platform.config;
  const cache = new CatalogCache(platform.cache, platform.config.CATALOG_CACHE_SECONDS);
  const search: SearchIndex = MEILI_URL ? new MeiliSearch(MEILI_URL, MEILI_KEY) : new PostgresSearch();
  runtime = {
    platform,
    cache,
    search,
    refreshCacheAndSearch: async (productIds) => {
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
