import { Type } from 'typebox';
import { defineEvent, type Handler } from '../../../platform/bus/index.ts';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { allSalesRows } from '../domain/rollup.ts';
import { analyticsDb } from '../entities/analytics-db.ts';

/** A rebuild of the rollups from the event log is due (a task the module books for itself). */
export const RebuildDue = defineEvent(
  'analytics.rebuild_due.v1',
  Type.Object({ requestedBy: Type.String() }),
  'The rollups are to be recomputed from the stored facts',
);

/**
 * Recomputes every rollup from the module's own event log, in one transaction: readers see the old
 * rollups or the new ones. The table lock keeps handlers from adding to rows being rewritten.
 */
export async function rebuildRollups(em: EntityManager): Promise<{ hours: number }> {
  await query(em, 'lock table analytics.sales_hourly in exclusive mode');
  await analyticsDb(em).deleteFrom('analytics.sales_hourly').execute();
  const rows = await query(
    em,
    `insert into analytics.sales_hourly (hour, currency, orders, revenue, refunds, refunded) ${allSalesRows} returning 1`,
  );
  return { hours: rows.length };
}

export const onRebuildDue: Handler = async ({ em, log }) => {
  const { hours } = await rebuildRollups(em);
  log.info({ hours }, 'analytics rollups rebuilt');
};
