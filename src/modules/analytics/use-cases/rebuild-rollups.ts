import { Type } from 'typebox';
import { defineEvent, type Handler } from '../../../platform/bus/index.ts';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { analyticsDb } from '../entities/analytics-db.ts';
import {
  funnelRollup,
  productSalesRollup,
  ROLLUP_TABLES,
  salesDailyRollup,
  searchMissRollup,
} from '../entities/rollup-sql.ts';

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
  for (const statement of [salesDailyRollup, funnelRollup, productSalesRollup, searchMissRollup])
    await query(em, statement('true'));
  // Fresh tables have statistics only once (auto)analyze comes by: give the planner them now
  // (ANALYZE inside the transaction counts its own new rows as live, the deleted ones as dead).
  await query(em, `analyze ${ROLLUP_TABLES.join(', ')}`);
  const [{ n }] = await query<{ n: number }>(em, 'select count(*)::int as n from analytics.sales_daily');
  return { salesDays: n };
}

export const onRebuildDue: Handler = async ({ em, log }) => {
  const { salesDays } = await rebuildRollups(em);
  log.info({ salesDays }, 'analytics rollups rebuilt');
};
