import { defineRecurringTask } from '../../../platform/bus/index.ts';
import type { Handler } from '../../../platform/bus/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { productRuntime } from '../runtime.ts';

/** The product module's own timer: reconcile the search index with the catalog every 10 minutes. */
const reconcile = defineRecurringTask('product.search_reconcile_due.v1', 'Time to reconcile the search index', 10 * 60);
export const SearchReconcileDue = reconcile.task;

export const scheduleSearchReconcile = (platform: Platform) => reconcile.start(platform.bus, platform.orm);

export const onSearchReconcileDue: Handler<{ slot: number }> = async ({ em, log, afterCommit }, task) => {
  const { search, platform, refreshCacheAndSearch } = productRuntime();
  // The next run is booked in this task's transaction, so a failing reconcile never ends the chain.
  await reconcile.next(platform.bus, em, task.payload);
  // The work itself runs after commit: it may take a while and needs no lock.
  afterCommit(async () => {
    const { repaired } = await search.reconcile(platform.orm.em.fork());
    if (repaired) {
      log.warn({ repaired, backend: search.kind }, 'search index drift repaired');
      await refreshCacheAndSearch([]);
    }
  });
};
