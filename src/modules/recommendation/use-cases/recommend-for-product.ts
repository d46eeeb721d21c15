import type { EntityManager } from '../../../platform/db/index.ts';
import { available } from '../domain/availability.ts';

export type ProductKind = 'bought_together' | 'similar' | 'popular_in_category';
export interface Recommended {
  productId: string;
  score: number;
}

// Shares a category with the product `base`: some element of its categories is in ours.
const sharesCategory = (alias: string) =>
  `exists (select 1 from jsonb_array_elements(base.category_ids) c where ${alias}.category_ids @> jsonb_build_array(c))`;

// Within a price band: half to twice one of base's prices in the same currency (no band when base has no price).
const basePrices = `recommendation.prices bp join recommendation.variants bv on bv.variant_id = bp.variant_id
  where bv.product_id = base.product_id and bp.amount is not null`;
const inPriceBand = (alias: string) => `(not exists (select 1 from ${basePrices}) or exists (select 1 from ${basePrices}
  and exists (select 1 from recommendation.prices cp join recommendation.variants cv on cv.variant_id = cp.variant_id
    where cv.product_id = ${alias}.product_id and cp.currency = bp.currency
      and cp.amount between bp.amount / 2 and bp.amount * 2)))`;

const queries: Record<ProductKind, string> = {
  // Most often bought in the same confirmed order.
  bought_together: `select cp.other_id as product_id, cp.orders as score from recommendation.co_purchases cp
    join recommendation.products p on p.product_id = cp.other_id
    where cp.product_id = ? and ${available('p')} order by cp.orders desc, cp.other_id limit ?`,
  // Same category and price band, ranked by how many option values ("color=red") they share.
  similar: `select p.product_id, (select count(*) from jsonb_array_elements(p.options) o
      where base.options @> jsonb_build_array(o))::int as score
    from recommendation.products base join recommendation.products p on p.product_id <> base.product_id
    where base.product_id = ? and ${sharesCategory('p')} and ${inPriceBand('p')} and ${available('p')}
    order by score desc, p.product_id limit ?`,
  // Same category, ranked by confirmed orders.
  popular_in_category: `select p.product_id, coalesce(pop.orders, 0) as score
    from recommendation.products base join recommendation.products p on p.product_id <> base.product_id
    left join recommendation.popularity pop on pop.product_id = p.product_id
    where base.product_id = ? and ${sharesCategory('p')} and ${available('p')}
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
