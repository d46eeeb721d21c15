import { OFFSETS_MINUTES } from './offsets.ts';

/**
 * How sale facts become daily rows per (UTC offset, local day, currency): one SQL select over the
 * facts, run for the facts a batch just stored (the incremental update) and for all of them (the
 * rebuild). Summing in the database sends a batch's fact ids, not its 40 rows per sale, and leaves
 * the worker no garbage to collect (ADR 0066).
 */

/** The fact kinds the sales report counts. */
export const SALES_KINDS = ['order_confirmed', 'payment_refunded', 'order_canceled', 'payment_captured'];

/** The sums of one group of sale facts, in SQL (the rollup, and days read from the facts). */
export const SALES_SUMS = `
    count(*) filter (where kind = 'order_confirmed')::int as orders,
    coalesce(sum(amount) filter (where kind = 'order_confirmed'), 0) as revenue,
    count(*) filter (where kind = 'payment_refunded')::int as refunds,
    coalesce(sum(amount) filter (where kind = 'payment_refunded'), 0) as refunded,
    count(*) filter (where kind = 'order_canceled')::int as cancellations,
    coalesce(sum(amount) filter (where kind = 'payment_captured'), 0) as captured`;

export const SALES_KINDS_SQL = SALES_KINDS.map((k) => `'${k}'`).join(', ');

/**
 * The daily rows of the sale facts matching `where`, for every offset, sorted by key so every
 * writer locks rows in one order. (The offsets are our own integers, written into the text.)
 */
export const salesRows = (where: string) => `
  select o.off as offset_minutes, ((occurred_at at time zone 'UTC') + o.off * interval '1 minute')::date as day,
    currency, ${SALES_SUMS}
  from analytics.facts cross join unnest('{${OFFSETS_MINUTES.join(',')}}'::smallint[]) as o(off)
  where kind in (${SALES_KINDS_SQL}) and currency is not null and ${where}
  group by 1, 2, 3 order by 1, 2, 3`;
