import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { Currency } from '../../pricing/contract.ts';
import { priceBucketEdges, priceBuckets } from '../domain/price-buckets.ts';
import { listingFilters, Sql, type ListingQuery } from '../entities/listing-filters.ts';

interface FacetRow {
  categories: { id: string; name: string; count: number }[];
  buckets: (number | string)[];
  stock: { true: number | string; false: number | string };
}

/** Facet counts over everything the filters match, in one statement: categories, price buckets, stock. */
export async function countFacets(em: EntityManager, q: ListingQuery, currency: Currency) {
  const where = await listingFilters(em, q);
  const edges = priceBucketEdges(currency);
  const bucketSql = edges
    .map((lo, i) => {
      const hi = edges[i + 1];
      return `count(*) filter (where min_amount >= ${lo}${hi !== undefined ? ` and min_amount < ${hi}` : ''})`;
    })
    .join(', ');
  const sql = new Sql()
    .add(
      `with matched as (
       select p.id, lp.min_amount, p.in_stock from product.products p
       join product.listing_prices lp on lp.product_id = p.id and lp.currency = ?
       where`,
      currency,
    )
    .append(where).add(`)
     select
       (select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'count', x.n) order by x.n desc, c.name), '[]')
          from (select pc.category_id, count(*)::int as n from matched m join product.product_categories pc on pc.product_id = m.id
                group by pc.category_id order by n desc limit 30) x join product.categories c on c.id = x.category_id) as categories,
       (select json_build_array(${bucketSql}) from matched) as buckets,
       (select json_build_object('true', count(*) filter (where in_stock), 'false', count(*) filter (where not in_stock)) from matched) as stock`);
  const [row] = await query<FacetRow>(em, sql.text, sql.params);
  return {
    categories: row.categories,
    priceBuckets: priceBuckets(edges, row.buckets.map(Number)),
    inStock: { true: Number(row.stock.true), false: Number(row.stock.false) },
  };
}
