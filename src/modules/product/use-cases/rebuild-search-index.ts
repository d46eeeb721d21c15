import { productRuntime } from '../runtime.ts';

/** Rebuilds every search document from the catalog (staff, after a restore or a backend change). */
export async function rebuildSearchIndex() {
  const { search, platform, refreshCacheAndSearch } = productRuntime();
  const { indexed } = await search.rebuild(platform.orm.em.fork());
  await refreshCacheAndSearch([]);
  return { backend: search.kind, indexed };
}
