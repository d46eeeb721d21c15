import { productRuntime } from '../runtime.ts';

/** Finds search documents missing, stale or orphaned and repairs them; the store cache is dropped when any was. */
export async function reconcileSearchIndex() {
  const { search, platform, refreshCacheAndSearch } = productRuntime();
  const { repaired } = await search.reconcile(platform.orm.em.fork());
  if (repaired) await refreshCacheAndSearch([]);
  return { backend: search.kind, repaired };
}
