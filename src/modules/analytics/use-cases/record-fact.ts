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
 * Stores one fact and adds it to its rollup in the caller's transaction (the handler's). The fact's
 * key is its event id: a redelivered event is stored once and counted once.
 */
export async function recordFact(em: EntityManager, f: FactInput): Promise<void> {
  await query(
    em,
    `with fact as (
       insert into analytics.facts (event_id, kind, occurred_at, order_id, currency, amount)
       values ($1, $2, $3, $4, $5, $6) on conflict (event_id) do nothing
       returning kind, occurred_at, currency, amount)
     insert into analytics.sales_hourly (hour, currency, orders, revenue, refunds, refunded)
     ${salesRowsFrom('fact')}
     ${upsertSales}`,
    [f.eventId, f.kind, f.occurredAt, f.orderId, f.currency, f.amount],
  );
}
