import type { EntityManager } from '../../../platform/db/index.ts';
import { available } from '../domain/availability.ts';

export type ProductKind = 'bought_together' | 'similar' | 'popular_in_category';
export interface Recommended {
  productId: string;
  score: number;
}

// The available products sharing a category with the product asked about (one GIN index probe per
// category of it), as `cand`, with `base` the product itself.
const candidates = `base as (select product_id, category_ids, options from recommendation.products where product_id = ?),
  cand as (select distinct p.product_id, p.options from base cross join jsonb_array_elements(base.category_ids) c
    join recommendation.products p on p.category_ids @> jsonb_build_array(c.value)
    where p.product_id <> base.product_id and ${available('p')})`;

// Base's price band per currency: half its lowest to twice its highest price (none without a price);
// a candidate is in it when its own price range in that currency meets it (one primary key probe).
const inBand = `(not exists (select 1 from recommendation.product_prices bp where bp.product_id = base.product_id)
  or exists (select 1 from recommendation.product_prices bp join recommendation.product_prices cp
    on cp.product_id = cand.product_id and cp.currency = bp.currency
    where bp.product_id = base.product_id and cp.hi >= bp.lo / 2 and cp.lo <= bp.hi * 2))`;

const queries: Record<ProductKind, string> = {
  // Most often bought in the same confirmed order.
  bought_together: `select cp.other_id as product_id, cp.orders as score from recommendation.co_purchases cp
    join recommendation.products p on p.product_id = cp.other_id
    where cp.product_id = ? and ${available('p')} order by cp.orders desc, cp.other_id limit ?`,
  // Same category and price band, ranked by how many option values ("color=red") they share.
  similar: `with ${candidates} select cand.product_id, (select count(*) from jsonb_array_elements(cand.options) o
      where base.options @> jsonb_build_array(o))::int as score
    from cand, base where ${inBand} order by score desc, cand.product_id limit ?`,
  // Same category, ranked by confirmed orders.
  popular_in_category: `with ${candidates} select cand.product_id, coalesce(pop.orders, 0) as score
    from cand left join recommendation.popularity pop on pop.product_id = cand.product_id
    order by score desc, cand.product_id limit ?`,
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
