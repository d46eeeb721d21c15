import type { EntityManager } from '../../../platform/db/index.ts';
import { available } from '../domain/availability.ts';

export type ProductKind = 'bought_together' | 'similar' | 'popular_in_category';
export interface Recommended {
  productId: string;
  score: number;
}

// The products sharing a category with `base` (one GIN index probe per category of base), as `p`.
const sameCategory = `recommendation.products base cross join lateral (select distinct p.* from
  jsonb_array_elements(base.category_ids) c join recommendation.products p on p.category_ids @> jsonb_build_array(c.value)
  where p.product_id <> base.product_id) p`;

// The price band of base per currency as {"EUR": [lo, hi]}: half its lowest to twice its highest price ({} for none).
const band = `cross join lateral (select coalesce(jsonb_object_agg(bp.currency, jsonb_build_array(bp.lo, bp.hi)), '{}') as band
  from (select bp.currency, min(bp.amount) / 2 as lo, max(bp.amount) * 2 as hi from recommendation.prices bp
    join recommendation.variants bv on bv.variant_id = bp.variant_id
    where bv.product_id = base.product_id and bp.amount is not null group by bp.currency) bp) b`;
const inBand = `(b.band = '{}' or exists (select 1 from recommendation.variants cv
  join recommendation.prices cp on cp.variant_id = cv.variant_id where cv.product_id = p.product_id
  and cp.amount between (b.band->cp.currency->>0)::int and (b.band->cp.currency->>1)::int))`;

const queries: Record<ProductKind, string> = {
  // Most often bought in the same confirmed order.
  bought_together: `select cp.other_id as product_id, cp.orders as score from recommendation.co_purchases cp
    join recommendation.products p on p.product_id = cp.other_id
    where cp.product_id = ? and ${available('p')} order by cp.orders desc, cp.other_id limit ?`,
  // Same category and price band, ranked by how many option values ("color=red") they share.
  similar: `select p.product_id, (select count(*) from jsonb_array_elements(p.options) o
      where base.options @> jsonb_build_array(o))::int as score
    from ${sameCategory} ${band}
    where base.product_id = ? and ${inBand} and ${available('p')}
    order by score desc, p.product_id limit ?`,
  // Same category, ranked by confirmed orders.
  popular_in_category: `select p.product_id, coalesce(pop.orders, 0) as score
    from ${sameCategory} left join recommendation.popularity pop on pop.product_id = p.product_id
    where base.product_id = ? and ${available('p')}
    order by score desc, p.product_id limit ?`,
};

/** Products to show beside one product, best first; only published, in-stock ones. */
export async function recommendForProduct(
  em: EntityManager,
  productId: string,
  kind: ProductKind,
  limit: number,
): Promise<Recommended[]> {
  const rows = await em.execute<{ product_id: string; score: number }[]>(queries[kind], [productId, limit], 'all');
  return rows.map((r) => ({ productId: r.product_id, score: Number(r.score) }));
}
