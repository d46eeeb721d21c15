/**
 * How facts become hourly sales rows: the same select feeds the incremental upsert (one fact) and the
 * rebuild (every fact), so both give the same rollups. The hour is truncated in UTC whatever the
 * session's time zone; rows are written in (hour, currency) order, so two batches lock them in one order.
 */
export const SALES_KINDS = ['order_confirmed', 'payment_refunded'] as const;
export type SalesKind = (typeof SALES_KINDS)[number];

export const salesRowsFrom = (facts: string) => `
  select date_trunc('hour', occurred_at, 'UTC') as hour, currency,
    count(*) filter (where kind = 'order_confirmed')::int as orders,
    coalesce(sum(amount) filter (where kind = 'order_confirmed'), 0) as revenue,
    count(*) filter (where kind = 'payment_refunded')::int as refunds,
    coalesce(sum(amount) filter (where kind = 'payment_refunded'), 0) as refunded
  from ${facts}
  where kind in ('order_confirmed', 'payment_refunded')
  group by 1, 2
  order by 1, 2`;

export const upsertSales = `
  on conflict (hour, currency) do update set
    orders = sales_hourly.orders + excluded.orders,
    revenue = sales_hourly.revenue + excluded.revenue,
    refunds = sales_hourly.refunds + excluded.refunds,
    refunded = sales_hourly.refunded + excluded.refunded`;
