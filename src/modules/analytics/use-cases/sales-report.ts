import { query, type EntityManager } from '../../../platform/db/index.ts';
import { planDays, runsOf } from '../domain/offsets.ts';
import { averageOrderValue, type Grain } from '../domain/period.ts';
import { SALES_KINDS_SQL, SALES_SUMS } from '../domain/rollup.ts';

export interface SalesQuery {
  /** First and last local day (YYYY-MM-DD), both included, in `tz`. */
  from: string;
  to: string;
  granularity: Grain;
  tz: string;
}

export type SalesRow = {
  /** The period's first local day (YYYY-MM-DD). */
  period: string;
  currency: string;
  orders: number;
  revenue: number;
  averageOrderValue: number;
  refunds: number;
  refunded: number;
  cancellations: number;
  captured: number;
};

// A local day of a whole offset is one row of sales_daily, read by index ranges (one per run of
// days of one offset: a year in one zone is ~730 rows in one to three ranges); a day whose offset
// changes (DST) is summed from its facts, exactly.
const SALES_SQL = `
  with days as (
    select s.day, s.currency, s.orders, s.revenue, s.refunds, s.refunded, s.cancellations, s.captured
    from unnest($1::smallint[], $2::date[], $6::date[]) as r(off, first, last)
    join analytics.sales_daily s on s.offset_minutes = r.off and s.day >= r.first and s.day <= r.last
    union all
    select o.day, f.currency, ${SALES_SUMS}
    from unnest($3::date[], $4::timestamptz[], $5::timestamptz[]) as o(day, starts, ends)
    join analytics.facts f on f.kind in (${SALES_KINDS_SQL}) and f.occurred_at >= o.starts and f.occurred_at < o.ends
    where f.currency is not null
    group by o.day, f.currency)
  select to_char(date_trunc($7, day::timestamp), 'YYYY-MM-DD') as period, currency,
    sum(orders)::int as orders, sum(revenue)::text as revenue, sum(refunds)::int as refunds,
    sum(refunded)::text as refunded, sum(cancellations)::int as cancellations, sum(captured)::text as captured
  from days group by 1, 2 order by 1, 2`;

/** Revenue, orders, AOV, refunds, cancellations and captures per local period and currency. */
export async function salesReport(em: EntityManager, q: SalesQuery): Promise<SalesRow[]> {
  const { even, odd } = planDays(q.from, q.to, q.tz);
  const runs = runsOf(even);
  const rows = await query<{
    period: string;
    currency: string;
    orders: number;
    revenue: string;
    refunds: number;
    refunded: string;
    cancellations: number;
    captured: string;
  }>(em, SALES_SQL, [
    runs.map((r) => r.offset),
    runs.map((r) => r.from),
    odd.map((d) => d.day),
    odd.map((d) => d.start),
    odd.map((d) => d.end),
    runs.map((r) => r.to),
    q.granularity,
  ]);
  return rows.map((r) => {
    const revenue = Number(r.revenue);
    return {
      period: r.period,
      currency: r.currency,
      orders: r.orders,
      revenue,
      averageOrderValue: averageOrderValue(revenue, r.orders),
      refunds: r.refunds,
      refunded: Number(r.refunded),
      cancellations: r.cancellations,
      captured: Number(r.captured),
    };
  });
}
