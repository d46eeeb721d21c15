import type { Platform } from '../../platform/host/platform.ts';
import { CatalogCache } from './catalog-cache.ts';
import { MeiliSearch } from './search/meilisearch.ts';
import { PostgresSearch } from './search/postgres.ts';
import type { SearchIndex } from './search/port.ts';

interface CatalogState {
  platform: Platform;
  cache: CatalogCache;
  search: SearchIndex;
  /** After a committed change: drop cached store reads, bring the search documents up to date. */
  changed(productIds: string[]): Promise<void>;
}

let state: CatalogState | undefined;

/** Set once at start (before any handler or route runs); handlers are defined before the platform exists. */
export function initCatalog(platform: Platform): void {
  const { MEILI_URL, MEILI_KEY } = platform.config;
  const cache = new CatalogCache(platform.cache, platform.config.CATALOG_CACHE_SECONDS);
  const search: SearchIndex = MEILI_URL ? new MeiliSearch(MEILI_URL, MEILI_KEY) : new PostgresSearch();
  state = {
    platform,
    cache,
    search,
    changed: async (productIds) => {
      await cache.invalidate();
      if (productIds.length) {
        await search
          .sync(platform.orm.em.fork(), productIds)
          .catch((err) => platform.log.warn({ err, productIds }, 'search sync failed; reconciliation will repair it'));
      }
    },
  };
}

export function catalog(): CatalogState {
  if (!state) throw new Error('product module used before its setup ran');
  return state;
}
