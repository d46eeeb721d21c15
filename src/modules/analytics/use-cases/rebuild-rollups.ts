import { Type } from 'typebox';
import { defineEvent, type Handler } from '../../../platform/bus/index.ts';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { OFFSETS_MINUTES } from '../domain/offsets.ts';
import { allSalesRows } from '../domain/rollup.ts';
import { analyticsDb } from '../entities/analytics-db.ts';
import { funnelRollup, productSalesRollup, ROLLUP_TABLES, searchMissRollup } from '../entities/rollup-sql.ts';

/** A rebuild of the rollups from the event log is due (a task the module books for itself). */
export const RebuildDue = defineEvent(
  'analytics.rebuild_due.v1',
  Type.Object({ requestedBy: Type.String() }),
  'The rollups are to be recomputed from the stored facts',
);

/**
 * Recomputes every rollup from the module's own event log, in one transaction: readers see the old
 * rollups or the new ones. The table locks (in the order batches write the tables, so neither
 * waits on the other in a circle) keep handlers from adding to rows being rewritten; a handler
 * that stored facts before the lock adds them after the rebuild commits, which did not see them.
 */
export async function rebuildRollups(em: EntityManager): Promise<{ salesDays: number }> {
  for (const table of ROLLUP_TABLES) await query(em, `lock table ${table} in exclusive mode`);
  const db = analyticsDb(em);
  await db.deleteFrom('analytics.sales_daily').execute();
  await db.deleteFrom('analytics.funnel_hourly').execute();
  await db.deleteFrom('analytics.product_sales_hourly').execute();
  await db.deleteFrom('analytics.search_misses_hourly').execute();
  const rows = await query(
    em,
    `insert into analytics.sales_daily (offset_minutes, day, currency, orders, revenue, refunds, refunded, cancellations, captured)
     ${allSalesRows} returning 1`,
    [OFFSETS_MINUTES],
  );
  for (const statement of [funnelRollup, productSalesRollup, searchMissRollup]) await query(em, statement('true'));
  return { salesDays: rows.length };
}

export const onRebuildDue: Handler = async ({ em, log }) => {
  const { salesDays } = await rebuildRollups(em);
  log.info({ salesDays }, 'analytics rollups rebuilt');
};
