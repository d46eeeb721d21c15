/**
 * How facts become hourly sales rows, twice: in JS for the incremental update (the facts a batch
 * added) and in SQL for the rebuild (every fact). The rebuild test holds the two to the same
 * result. Hours are truncated in UTC.
 */
export interface SalesFact {
  kind: string;
  occurred_at: Date | string;
  currency: string | null;
  amount: number | string;
}

export interface SalesRow {
  hour: Date;
  currency: string;
  orders: number;
  revenue: number;
  refunds: number;
  refunded: number;
}

const HOUR = 3_600_000;

/** Sums facts into rows per (UTC hour, currency), sorted so every writer locks rows in one order. */
export function hourlySales(facts: SalesFact[]): SalesRow[] {
  const rows = new Map<string, SalesRow>();
  for (const f of facts) {
    if (!f.currency || (f.kind !== 'order_confirmed' && f.kind !== 'payment_refunded')) continue;
    const hour = new Date(Math.floor(new Date(f.occurred_at).getTime() / HOUR) * HOUR);
    const key = `${hour.toISOString()}|${f.currency}`;
    const row = rows.get(key) ?? { hour, currency: f.currency, orders: 0, revenue: 0, refunds: 0, refunded: 0 };
    if (f.kind === 'order_confirmed') {
      row.orders++;
      row.revenue += Number(f.amount);
    } else {
      row.refunds++;
      row.refunded += Number(f.amount);
    }
    rows.set(key, row);
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/** The rebuild's select: the same sums over the whole event log, in SQL. */
export const allSalesRows = `
  select date_trunc('hour', occurred_at, 'UTC') as hour, currency,
    count(*) filter (where kind = 'order_confirmed')::int as orders,
    coalesce(sum(amount) filter (where kind = 'order_confirmed'), 0) as revenue,
    count(*) filter (where kind = 'payment_refunded')::int as refunds,
    coalesce(sum(amount) filter (where kind = 'payment_refunded'), 0) as refunded
  from analytics.facts
  where kind in ('order_confirmed', 'payment_refunded') and currency is not null
  group by 1, 2`;
