import { query, type EntityManager } from '../../../platform/db/index.ts';
import { SALES_KINDS } from '../domain/rollup.ts';
import { analyticsDb } from '../entities/analytics-db.ts';
import {
  BATCH_IDS,
  FUNNEL_KINDS,
  funnelRollup,
  productSalesRollup,
  salesDailyRollup,
  searchMissRollup,
} from '../entities/rollup-sql.ts';

export interface FactInput {
  eventId: string;
  kind: string;
  occurredAt: string;
  orderId: string | null;
  currency: string | null;
  amount: number;
  detail?: Record<string, unknown>;
}

/**
 * Stores facts and adds them to their rollups in the caller's transaction (the handler's): one
 * statement for the facts, then one per rollup the batch touches. A fact's key is its event id: a
 * redelivered event counts once. Rollups are written in ROLLUP_TABLES' order (see the rebuild).
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
        detail: f.detail ?? null, // (node-postgres sends an object as JSON)
      })),
    )
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning(['event_id', 'kind'])
    .execute();
  const ids = (kinds: string[]) => fresh.filter((f) => kinds.includes(f.kind)).map((f) => f.event_id);

  for (const [kinds, statement] of [
    [SALES_KINDS, salesDailyRollup],
    [FUNNEL_KINDS, funnelRollup],
    [['order_confirmed'], productSalesRollup],
    [['search_miss'], searchMissRollup],
  ] satisfies [string[], (where: string) => string][]) {
    const batch = ids(kinds);
    if (batch.length) await query(em, statement(BATCH_IDS), [batch]);
  }
}
