import { query, type EntityManager } from '../../../platform/db/index.ts';
import { hoursOf, rankOrder, type RankQuery } from '../domain/ranking.ts';

export type CategoryRank = { currency: string; rank: number; categoryId: string; units: number; revenue: number };

/** The best-selling categories per currency: a product in two categories counts in both. */
export async function topCategories(em: EntityManager, q: RankQuery): Promise<CategoryRank[]> {
  const rows = await query<Omit<CategoryRank, 'revenue'> & { revenue: string }>(
    em,
    `with sold as (
       select s.currency, c.category_id::uuid as category_id, sum(s.units)::int as units, sum(s.revenue) as revenue
       from analytics.product_sales_hourly s
       join analytics.variants v on v.variant_id = s.variant_id
       join analytics.products p on p.product_id = v.product_id
       cross join jsonb_array_elements_text(p.category_ids) as c(category_id)
       where s.hour >= $1 and s.hour < $2 group by 1, 2),
     ranked as (select *, row_number() over (partition by currency order by ${rankOrder(q.by)}, category_id) as rank from sold)
     select currency, rank::int as rank, category_id as "categoryId", units, revenue::text as revenue
     from ranked where rank <= $3 order by currency, rank`,
    [...hoursOf(q), q.limit],
  );
  return rows.map((r) => ({ ...r, revenue: Number(r.revenue) }));
}
