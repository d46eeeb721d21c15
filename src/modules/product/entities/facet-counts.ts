import type { Currency } from '../../pricing/contract.ts';
import { priceBucketEdges, priceBuckets } from '../domain/price-buckets.ts';

/** What the facet columns hold, as the driver returns them. */
export interface FacetColumns {
  categories: { id: string; name: string; count: number }[];
  buckets: (number | string)[];
  stock: { true: number | string; false: number | string };
}

/** The price buckets as `count(*) filter` aggregates over rows with a `min_amount`, each plus `plus(i)` when given. */
export function bucketCountsSql(edges: number[], plus?: (i: number) => string): string[] {
  return edges.map((lo, i) => {
    const hi = edges[i + 1];
    const own = `count(*) filter (where min_amount >= ${lo}${hi !== undefined ? ` and min_amount < ${hi}` : ''})`;
    return plus ? `${own} + ${plus(i)}` : own;
  });
}

/**
 * The facet counts as three columns over a CTE `matched` (id, min_amount, in_stock, category_ids)
 * that the search or listing computed once: category counts from the denormalised category ids
 * (unnested in the select list: half the cost of a lateral function call per match),
 * price buckets and stock in one aggregate pass, no join back to the link tables per match.
 */
export function facetColumnsSql(currency: Currency): string {
  const buckets = bucketCountsSql(priceBucketEdges(currency)).join(', ');
  return `(select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'count', x.n) order by x.n desc, c.name, c.id), '[]')
      from (select cid, count(*)::int as n from (select unnest(m.category_ids) as cid from matched m) u
            group by cid order by n desc, cid limit 30) x join product.categories c on c.id = x.cid) as categories,
    (select json_build_array(${buckets}) from matched) as buckets,
    (select json_build_object('true', count(*) filter (where in_stock), 'false', count(*) filter (where not in_stock))
       from matched) as stock`;
}

export function facetsView(row: FacetColumns, currency: Currency) {
  return {
    categories: row.categories,
    priceBuckets: priceBuckets(priceBucketEdges(currency), row.buckets.map(Number)),
    inStock: { true: Number(row.stock.true), false: Number(row.stock.false) },
  };
}
