import { OFFSETS_MINUTES } from './offsets.ts';

/**
 * How sale facts become daily rows per (UTC offset, local day, currency), twice: in JS for the
 * incremental update (the facts a batch added) and in SQL for the rebuild (every fact). The
 * rebuild test holds the two to the same result.
 */
export interface SalesFact {
  kind: string;
  occurred_at: Date | string;
  currency: string | null;
  amount: number | string;
}

export interface SalesDayRow {
  offset_minutes: number;
  day: string;
  currency: string;
  orders: number;
  revenue: number;
  refunds: number;
  refunded: number;
  cancellations: number;
  captured: number;
}

/** The fact kinds the sales report counts, and what each adds to a row. */
const SALES: Record<string, (r: SalesDayRow, amount: number) => void> = {
  order_confirmed: (r, a) => ((r.orders += 1), (r.revenue += a)),
  payment_refunded: (r, a) => ((r.refunds += 1), (r.refunded += a)),
  order_canceled: (r) => (r.cancellations += 1),
  payment_captured: (r, a) => (r.captured += a),
};
export const SALES_KINDS = Object.keys(SALES);

const emptyRow = (offset: number, day: string, currency: string): SalesDayRow => ({
  offset_minutes: offset,
  day,
  currency,
  orders: 0,
  revenue: 0,
  refunds: 0,
  refunded: 0,
  cancellations: 0,
  captured: 0,
});

/** Sums facts into daily rows for every offset, sorted so every writer locks rows in one order. */
export function dailySales(facts: SalesFact[]): SalesDayRow[] {
  const rows = new Map<string, SalesDayRow>();
  for (const f of facts) {
    const add = SALES[f.kind];
    if (!add || !f.currency) continue;
    const t = new Date(f.occurred_at).getTime();
    for (const offset of OFFSETS_MINUTES) {
      const day = new Date(t + offset * 60_000).toISOString().slice(0, 10);
      // (offsets sort as numbers: shift them to keep the string key's order numeric)
      const key = `${String(offset + 1000).padStart(4, '0')}|${day}|${f.currency}`;
      const row = rows.get(key) ?? emptyRow(offset, day, f.currency);
      add(row, Number(f.amount));
      rows.set(key, row);
    }
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/** The sums of one group of sale facts, in SQL (the rebuild, and days read from the facts). */
export const SALES_SUMS = `
    count(*) filter (where kind = 'order_confirmed')::int as orders,
    coalesce(sum(amount) filter (where kind = 'order_confirmed'), 0) as revenue,
    count(*) filter (where kind = 'payment_refunded')::int as refunds,
    coalesce(sum(amount) filter (where kind = 'payment_refunded'), 0) as refunded,
    count(*) filter (where kind = 'order_canceled')::int as cancellations,
    coalesce(sum(amount) filter (where kind = 'payment_captured'), 0) as captured`;

export const SALES_KINDS_SQL = SALES_KINDS.map((k) => `'${k}'`).join(', ');

/** The rebuild's select: every sale fact, for every offset ($1: the offsets). */
export const allSalesRows = `
  select o.off as offset_minutes, ((occurred_at at time zone 'UTC') + o.off * interval '1 minute')::date as day,
    currency, ${SALES_SUMS}
  from analytics.facts cross join unnest($1::smallint[]) as o(off)
  where kind in (${SALES_KINDS_SQL}) and currency is not null
  group by 1, 2, 3`;
