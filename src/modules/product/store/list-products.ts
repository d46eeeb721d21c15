import type { Static } from 'typebox';
import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import { query } from '../../../platform/db/index.ts';
import { CURRENCIES, type Currency } from '../../pricing/contract.ts';
import type { ListQuery } from '../schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { SearchIndex } from '../search/port.ts';
import { summaryView, variantsJson } from './views.ts';

type Query = Static<typeof ListQuery>;

/** SQL assembled from fragments written with `?`; `text` numbers them `$1..$n` in order, matching `params`. */
class Sql {
  parts: string[] = [];
  params: unknown[] = [];
  add(fragment: string, ...params: unknown[]) {
    this.parts.push(fragment);
    this.params.push(...params);
    return this;
  }
  append(other: Sql) {
    this.parts.push(...other.parts);
    this.params.push(...other.params);
    return this;
  }
  get text() {
    let n = 0;
    return this.parts.join(' ').replace(/\?/g, () => `$${++n}`);
  }
}

/** The WHERE clause every listing, search and facet count shares. */
async function filters(em: EntityManager, q: Query, currency: Currency): Promise<Sql> {
  const w = new Sql().add(`p.status = 'published'`);
  if (q.category) {
    const [cat] = await query<{ path: string }>(
      em,
      'select path from product.categories where id::text = $1 or handle = $1',
      [q.category],
    );
    if (!cat)
      throw new BadRequest(`unknown category ${q.category}`, {
        errors: [{ field: 'category', message: 'unknown category' }],
      });
    w.add(
      `and exists (select 1 from product.product_categories pc join product.categories c on c.id = pc.category_id
                       where pc.product_id = p.id and c.path like ?)`,
      `${cat.path}%`,
    );
  }
  if (q.collection) {
    w.add(
      `and exists (select 1 from product.product_collections pcl join product.collections cl on cl.id = pcl.collection_id
                       where pcl.product_id = p.id and (cl.id::text = ? or cl.handle = ?))`,
      q.collection,
      q.collection,
    );
  }
  if (q.minPrice !== undefined) w.add('and lp.min_amount >= ?', q.minPrice);
  if (q.maxPrice !== undefined) w.add('and lp.min_amount <= ?', q.maxPrice);
  if (q.inStock !== undefined) w.add('and p.in_stock = ?', q.inStock);
  // `<%`: word similarity above pg_trgm.word_similarity_threshold (set per connection by the module), served by the trigram index.
  if (q.q) w.add(`and (p.search @@ websearch_to_tsquery('simple', ?) or lower(?) <% lower(p.title))`, q.q, q.q);
  void currency;
  return w;
}

const sortSpec = {
  newest: { expr: 'p.id', dir: 'desc' },
  price_asc: { expr: 'lp.min_amount', dir: 'asc' },
  price_desc: { expr: 'lp.min_amount', dir: 'desc' },
  title: { expr: 'lower(p.title)', dir: 'asc' },
  // float8 so the value a cursor carries compares exactly against the recomputed one
  relevance: {
    expr: `(ts_rank(p.search, websearch_to_tsquery('simple', ?)) + word_similarity(lower(?), lower(p.title)))::float8`,
    dir: 'desc',
  },
} as const;

export interface ListResult {
  items: ReturnType<typeof summaryView>[];
  nextCursor: string | null;
}

/**
 * One SQL statement per page, whatever its size: products with their price range and stock, and
 * each product's variants (price in the currency, in stock) folded in as JSON. Keyset paging on
 * (sort value, id) keeps pages stable while products are added.
 */
export async function listProducts(em: EntityManager, q: Query, currency: Currency): Promise<ListResult> {
  const sort = q.sort ?? (q.q ? 'relevance' : 'newest');
  if (sort === 'relevance' && !q.q)
    throw new BadRequest('sort=relevance needs a search query q', {
      errors: [{ field: 'sort', message: 'relevance needs q' }],
    });
  const spec = sortSpec[sort];
  const sortParams = sort === 'relevance' ? [q.q, q.q] : [];
  const where = await filters(em, q, currency);
  const sql = new Sql()
    .add(`select p.id, p.handle, p.title, p.subtitle, p.thumbnail, p.in_stock, lp.min_amount, lp.max_amount,`)
    .add(`${spec.expr} as sort_value,`, ...sortParams)
    .add(
      `coalesce((select array_agg(pc.category_id) from product.product_categories pc where pc.product_id = p.id), '{}') as category_ids,`,
    )
    .add(`${variantsJson('p.id', '?')} as variants`, currency)
    .add(`from product.products p join product.listing_prices lp on lp.product_id = p.id and lp.currency = ?`, currency)
    .add('where')
    .append(where);
  if (q.cursor) {
    const c = decodeCursor(q.cursor, sort);
    const op = spec.dir === 'desc' ? '<' : '>';
    if (sort === 'newest') sql.add(`and p.id ${op} ?`, c.id);
    else sql.add(`and (${spec.expr}, p.id) ${op} (?, ?)`, ...sortParams, c.value, c.id);
  }
  sql.add(`order by ${spec.expr} ${spec.dir}, p.id ${spec.dir} limit ?`, ...sortParams, q.limit + 1);
  const rows = await query<any>(em, sql.text, sql.params);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => summaryView(r, currency)),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor({
            sort,
            value:
              sort === 'newest'
                ? null
                : typeof last.sort_value === 'string'
                  ? last.sort_value
                  : Number(last.sort_value),
            id: last.id,
          })
        : null,
  };
}

/** Facet counts over everything the filters match: categories, price buckets, stock. */
export async function facetCounts(em: EntityManager, q: Query, currency: Currency) {
  const where = await filters(em, q, currency);
  const unit = 10 ** CURRENCIES[currency];
  const edges = [0, 25, 50, 100, 200].map((e) => e * unit);
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
  const [row] = await query<any>(em, sql.text, sql.params);
  return {
    categories: row.categories,
    priceBuckets: edges.map((min, i) => ({ min, max: edges[i + 1] ?? null, count: Number(row.buckets[i]) })),
    inStock: { true: Number(row.stock.true), false: Number(row.stock.false) },
  };
}

/**
 * A search answered by an external engine: it ranks and counts, the catalog fills in the rows
 * (one statement, in the engine's order). Pages by offset, which is how engines page.
 */
export async function searchWithEngine(em: EntityManager, search: SearchIndex, q: Query, currency: Currency) {
  const offset = q.cursor ? Number(decodeCursor(q.cursor, 'engine').value) : 0;
  let categoryIds: string[] | undefined;
  if (q.category) {
    const [cat] = await query<{ path: string }>(
      em,
      'select path from product.categories where id::text = $1 or handle = $1',
      [q.category],
    );
    if (!cat)
      throw new BadRequest(`unknown category ${q.category}`, {
        errors: [{ field: 'category', message: 'unknown category' }],
      });
    categoryIds = (
      await query<{ id: string }>(em, 'select id from product.categories where path like $1', [`${cat.path}%`])
    ).map((r) => r.id);
  }
  const collectionIds = q.collection
    ? (
        await query<{ id: string }>(em, 'select id from product.collections where id::text = $1 or handle = $1', [
          q.collection,
        ])
      ).map((r) => r.id)
    : undefined;
  const hits = (await search.search({
    q: q.q!,
    currency,
    categoryIds,
    collectionIds,
    minPrice: q.minPrice,
    maxPrice: q.maxPrice,
    inStock: q.inStock,
    sort: q.sort ?? 'relevance',
    limit: q.limit,
    offset,
  }))!;
  const rows = await query<any>(
    em,
    `
    select p.id, p.handle, p.title, p.subtitle, p.thumbnail, p.in_stock, lp.min_amount, lp.max_amount,
      coalesce((select array_agg(pc.category_id) from product.product_categories pc where pc.product_id = p.id), '{}') as category_ids,
      ${variantsJson('p.id', '$2')} as variants
    from product.products p join product.listing_prices lp on lp.product_id = p.id and lp.currency = $2
    where p.id = any($1) and p.status = 'published'
    order by array_position($1::uuid[], p.id)`,
    [hits.ids, currency],
  );
  const names = new Map(
    (
      await query<{ id: string; name: string }>(em, 'select id, name from product.categories where id = any($1)', [
        hits.facets.categories.map((c) => c.id),
      ])
    ).map((c) => [c.id, c.name]),
  );
  return {
    items: rows.map((r) => summaryView(r, currency)),
    nextCursor:
      offset + q.limit < hits.total
        ? encodeCursor({ sort: 'engine', value: offset + q.limit, id: '00000000-0000-0000-0000-000000000000' })
        : null,
    facets: { ...hits.facets, categories: hits.facets.categories.map((c) => ({ ...c, name: names.get(c.id) ?? '' })) },
  };
}
