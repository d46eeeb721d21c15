import { Type } from 'typebox';
import { defineEvent } from '../../../platform/bus/index.ts';
import type { Handler } from '../../../platform/bus/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { productRuntime } from '../runtime.ts';

const EVERY_MINUTES = 10;

/** The product module's own timer: reconcile the search index with the catalog. */
export const SearchReconcileDue = defineEvent(
  'product.search_reconcile_due.v1',
  Type.Object({ slot: Type.Integer() }),
  'Time to reconcile the search index',
);

const slotAt = (ms: number) => Math.floor(ms / (EVERY_MINUTES * 60_000));

const nextRun = (slot: number) => ({ startAfter: new Date(slot * EVERY_MINUTES * 60_000), key: String(slot) });

/**
 * Schedules the run of the next slot. The slot number is the task key, so however many processes
 * host the product module (and however often they restart), each slot runs once.
 */
export async function scheduleSearchReconcile(platform: Platform): Promise<void> {
  const slot = slotAt(Date.now()) + 1;
  await platform.orm.em
    .fork()
    .transactional((em) => platform.bus.schedule(em, SearchReconcileDue, { slot }, nextRun(slot)));
}

export const onSearchReconcileDue: Handler<{ slot: number }> = async ({ em, log, afterCommit }, task) => {
  const { search, platform, refreshCacheAndSearch } = productRuntime();
  // The next run is booked in this task's transaction, so a failing reconcile never ends the chain.
  const slot = Math.max(task.payload.slot, slotAt(Date.now())) + 1;
  await platform.bus.schedule(em, SearchReconcileDue, { slot }, nextRun(slot));
  // The work itself runs after commit: it may take a while and needs no lock.
  afterCommit(async () => {
    const { repaired } = await search.reconcile(platform.orm.em.fork());
    if (repaired) {
      log.warn({ repaired, backend: search.kind }, 'search index drift repaired');
      await refreshCacheAndSearch([]);
    }
  });
};
