import { query, type EntityManager } from '../../../platform/db/index.ts';
import { salesRowsFrom, upsertSales } from '../domain/rollup.ts';

export interface FactInput {
  eventId: string;
  kind: string;
  occurredAt: string;
  orderId: string | null;
  currency: string | null;
  amount: number;
}

/**
 * Stores facts and adds them to their rollups in the caller's transaction (the handler's), one
 * statement for a whole batch. A fact's key is its event id: a redelivered event counts once.
 */
export async function recordFacts(em: EntityManager, facts: FactInput[]): Promise<void> {
  if (!facts.length) return;
  await query(
    em,
    `with fact as (
       insert into analytics.facts (event_id, kind, occurred_at, order_id, currency, amount)
       select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::text[], $6::bigint[])
       on conflict (event_id) do nothing
       returning kind, occurred_at, currency, amount)
     insert into analytics.sales_hourly (hour, currency, orders, revenue, refunds, refunded)
     ${salesRowsFrom('fact')}
     ${upsertSales}`,
    [
      facts.map((f) => f.eventId),
      facts.map((f) => f.kind),
      facts.map((f) => f.occurredAt),
      facts.map((f) => f.orderId),
      facts.map((f) => f.currency),
      facts.map((f) => f.amount),
    ],
  );
}
