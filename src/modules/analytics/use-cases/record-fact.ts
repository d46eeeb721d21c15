import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { hourlySales } from '../domain/rollup.ts';
import { analyticsDb } from '../entities/analytics-db.ts';

export interface FactInput {
  eventId: string;
  kind: string;
  occurredAt: string;
  orderId: string | null;
  currency: string | null;
  amount: number;
}

const add = (column: string) =>
  sql<number>`${sql.ref(`analytics.sales_hourly.${column}`)} + ${sql.ref(`excluded.${column}`)}`;

/**
 * Stores facts and adds them to their rollups in the caller's transaction (the handler's): two
 * statements for a whole batch. A fact's key is its event id: a redelivered event counts once.
 */
export async function recordFacts(em: EntityManager, facts: FactInput[]): Promise<void> {
  if (!facts.length) return;
  const db = analyticsDb(em);
  const fresh = await db
    .insertInto('analytics.facts')
    .values(
      facts.map((f) => ({
        event_id: f.eventId,
        kind: f.kind,
        occurred_at: new Date(f.occurredAt),
        order_id: f.orderId,
        currency: f.currency,
        amount: f.amount,
      })),
    )
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning(['kind', 'occurred_at', 'currency', 'amount'])
    .execute();
  const rows = hourlySales(fresh);
  if (!rows.length) return;
  await db
    .insertInto('analytics.sales_hourly')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['hour', 'currency']).doUpdateSet({
        orders: add('orders'),
        revenue: add('revenue'),
        refunds: add('refunds'),
        refunded: add('refunded'),
      }),
    )
    .execute();
}
