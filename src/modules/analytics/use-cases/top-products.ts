import { query, type EntityManager } from '../../../platform/db/index.ts';
import { hoursOf, rankOrder, type RankQuery } from '../domain/ranking.ts';

export type ProductRank = {
  currency: string;
  rank: number;
  /** null: variants of a product analytics has not heard of (yet). */
  productId: string | null;
  title: string;
  units: number;
  revenue: number;
};

/**
 * The best sellers per currency, by units or revenue (a line's total, after discounts). A
 * variant's product comes from the catalog projection when the report is read.
 */
export async function topProducts(em: EntityManager, q: RankQuery): Promise<ProductRank[]> {
  const rows = await query<Omit<ProductRank, 'revenue'> & { revenue: string }>(
    em,
    `with sold as (
       select s.currency, v.product_id, sum(s.units)::int as units, sum(s.revenue) as revenue
       from analytics.product_sales_hourly s left join analytics.variants v on v.variant_id = s.variant_id
       where s.hour >= $1 and s.hour < $2 group by 1, 2),
     ranked as (
       select *, row_number() over (partition by currency order by ${rankOrder(q.by)}, product_id nulls last) as rank from sold)
     select r.currency, r.rank::int as rank, r.product_id as "productId", coalesce(p.title, '') as title, r.units,
       r.revenue::text as revenue
     from ranked r left join analytics.products p on p.product_id = r.product_id
     where r.rank <= $3 order by r.currency, r.rank`,
    [...hoursOf(q), q.limit],
  );
  return rows.map((r) => ({ ...r, revenue: Number(r.revenue) }));
}
