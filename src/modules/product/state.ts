import type { Platform } from '../../platform/host/platform.ts';
import { CatalogCache } from './catalog-cache.ts';

interface CatalogState {
  platform: Platform;
  cache: CatalogCache;
}

let state: CatalogState | undefined;

/** Set once at start (before any handler or route runs); handlers are defined before the platform exists. */
export function initCatalog(platform: Platform): void {
  state = { platform, cache: new CatalogCache(platform.cache) };
}

export function catalog(): CatalogState {
  if (!state) throw new Error('product module used before its setup ran');
  return state;
}
