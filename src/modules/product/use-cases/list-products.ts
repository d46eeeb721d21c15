import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import type { Currency } from '../../pricing/contract.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { listingFilters, searchQuery, Sql, type ListingQuery } from '../entities/listing-filters.ts';
import { summaryColumns, summaryView, variantsJson, type SummaryRow } from '../entities/store-rows.ts';

const sortSpec = {
  newest: { expr: 'p.id', dir: 'desc' },
  price_asc: { expr: 'lp.min_amount', dir: 'asc' },
  price_desc: { expr: 'lp.min_amount', dir: 'desc' },
  title: { expr: 'lower(p.title)', dir: 'asc' },
  rating: { expr: 'p.rating_average', dir: 'desc' },
  // float8 so the value a cursor carries compares exactly against the recomputed one; `?`
  // stands for the search's tsquery, and titles closest to the corrected query come first.
  relevance: { expr: `(ts_rank(p.search, ?) + word_similarity(?, lower(p.title)))::float8`, dir: 'desc' },
} as const;

/** The relevance expression with its tsquery written in, and the parameters it takes. */
function relevance(q: ListingQuery) {
  const tq = searchQuery(q);
  const expr = sortSpec.relevance.expr.replace('?', tq.parts.join(' '));
  return { expr, params: [...tq.params, q.plan?.corrected ?? q.q?.toLowerCase()] };
}

interface ListingRow extends SummaryRow {
  sort_value: string | number | null;
}

export interface ListResult {
  items: ReturnType<typeof summaryView>[];
  nextCursor: string | null;
}

/**
 * One SQL statement per page, whatever its size: products with their price range and stock, and
 * each product's variants (price in the currency, in stock) folded in as JSON. Keyset paging on
 * (sort value, id) keeps pages stable while products are added.
 */
export async function listProducts(em: EntityManager, q: ListingQuery, currency: Currency): Promise<ListResult> {
  const sort = q.sort ?? (q.q ? 'relevance' : 'newest');
  if (sort === 'relevance' && !q.q)
    throw new BadRequest('sort=relevance needs a search query q', {
      errors: [{ field: 'sort', message: 'relevance needs q' }],
    });
  const rel = sort === 'relevance' ? relevance(q) : undefined;
  const spec = rel ? { ...sortSpec.relevance, expr: rel.expr } : sortSpec[sort];
  const sortParams = rel?.params ?? [];
  const where = await listingFilters(em, q);
  const sql = new Sql()
    .add(`select ${summaryColumns},`)
    .add(`${spec.expr} as sort_value,`, ...sortParams)
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
  const rows = await query<ListingRow>(em, sql.text, sql.params);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const lastValue = (v: ListingRow['sort_value']) => (sort === 'newest' ? null : typeof v === 'string' ? v : Number(v));
  return {
    items: page.map((r) => summaryView(r, currency)),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor({ sort, value: lastValue(last.sort_value), id: last.id }) : null,
  };
}
