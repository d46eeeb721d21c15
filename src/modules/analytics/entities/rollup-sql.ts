// The rollups (daily sales per offset; funnel, product sales, searches without result per hour) as
// SQL over the facts. One statement each, used twice: by a batch for the facts it just stored
// (`where` names their ids) and by the rebuild for all of them. Rows are inserted sorted by their
// key, so queues writing the same rows lock them in one order.
import { salesRows } from '../domain/rollup.ts';

/** The fact kinds that count as each funnel step. */
export const FUNNEL_KINDS = [
  'product_viewed',
  'cart_created',
  'cart_item_added',
  'checkout_started',
  'order_confirmed',
];
const inList = (kinds: string[]) => kinds.map((k) => `'${k}'`).join(', ');
const hour = `date_trunc('hour', occurred_at, 'UTC')`;
const plus = (table: string, ...columns: string[]) =>
  columns.map((c) => `${c} = analytics.${table}.${c} + excluded.${c}`).join(', ');

export const salesDailyRollup = (where: string) => `
  insert into analytics.sales_daily (offset_minutes, day, currency, orders, revenue, refunds, refunded, cancellations, captured)
  ${salesRows(where)}
  on conflict (offset_minutes, day, currency) do update set
    ${plus('sales_daily', 'orders', 'revenue', 'refunds', 'refunded', 'cancellations', 'captured')}`;

export const funnelRollup = (where: string) => `
  insert into analytics.funnel_hourly (hour, views, carts, adds, checkouts, orders)
  select ${hour}, count(*) filter (where kind = 'product_viewed'), count(*) filter (where kind = 'cart_created'),
    count(*) filter (where kind = 'cart_item_added'), count(*) filter (where kind = 'checkout_started'),
    count(*) filter (where kind = 'order_confirmed')
  from analytics.facts where kind in (${inList(FUNNEL_KINDS)}) and ${where}
  group by 1 order by 1
  on conflict (hour) do update set ${plus('funnel_hourly', 'views', 'carts', 'adds', 'checkouts', 'orders')}`;

/** Units and revenue per variant from the lines a confirmed order carries (a line's `total`). */
export const productSalesRollup = (where: string) => `
  insert into analytics.product_sales_hourly (hour, currency, variant_id, units, revenue)
  select ${hour}, currency, (l->>'variantId')::uuid, sum((l->>'quantity')::int), sum((l->>'total')::bigint)
  from analytics.facts cross join jsonb_array_elements(detail->'lines') as l
  where kind = 'order_confirmed' and currency is not null and ${where}
  group by 1, 2, 3 order by 1, 2, 3
  on conflict (hour, currency, variant_id) do update set ${plus('product_sales_hourly', 'units', 'revenue')}`;

export const searchMissRollup = (where: string) => `
  insert into analytics.search_misses_hourly (hour, query, searches, last_seen)
  select ${hour}, detail->>'query', count(*), max(occurred_at)
  from analytics.facts where kind = 'search_miss' and ${where}
  group by 1, 2 order by 1, 2
  on conflict (hour, query) do update set ${plus('search_misses_hourly', 'searches')},
    last_seen = greatest(analytics.search_misses_hourly.last_seen, excluded.last_seen)`;

/** Every rollup table, in the order batches write them (the rebuild locks them in this order too). */
export const ROLLUP_TABLES = [
  'analytics.sales_daily',
  'analytics.funnel_hourly',
  'analytics.product_sales_hourly',
  'analytics.search_misses_hourly',
];

export const BATCH_IDS = 'event_id = any($1::uuid[])';
