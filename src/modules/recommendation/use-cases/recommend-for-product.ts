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
const band = `band as (select currency, lo / 2 as lo, hi * 2 as hi from recommendation.product_prices
  where product_id = ?)`;
const inBand = `(not exists (select 1 from band) or exists (select 1 from band join recommendation.product_prices cp
  on cp.product_id = cand.product_id and cp.currency = band.currency where cp.hi >= band.lo and cp.lo <= band.hi))`;

const queries: Record<ProductKind, string> = {
  // Most often bought in the same confirmed order.
  bought_together: `select cp.other_id as product_id, cp.orders as score from recommendation.co_purchases cp
    join recommendation.products p on p.product_id = cp.other_id
    where cp.product_id = ? and ${available('p')} order by cp.orders desc, cp.other_id limit ?`,
  // Same category and price band, ranked by how many option values ("color=red") they share.
  similar: `with ${candidates}, ${band} select cand.product_id, (select count(*) from jsonb_array_elements(cand.options) o
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
  const params = kind === 'similar' ? [productId, productId, limit] : [productId, limit];
  // (the planner's guess of a category's size can cross jit_above_cost: compiling then costs
  // hundreds of ms for a query of a few, so JIT is off for this one; a setting of this read's
  // transaction, not a data write, so it stays a statement of its own)
  const rows = await em.transactional(async (tx) => {
    await tx.execute('set local jit = off', [], 'run');
    return tx.execute<{ product_id: string; score: number }[]>(queries[kind], params, 'all');
  });
  return rows.map((r) => ({ productId: r.product_id, score: Number(r.score) }));
}
