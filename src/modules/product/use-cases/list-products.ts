import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import type { Currency } from '../../pricing/contract.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { listingFilters, searchPath, searchQuery, Sql, type ListingQuery } from '../entities/listing-filters.ts';
import { facetColumnsSql, facetsView, type FacetColumns } from '../entities/facet-counts.ts';
import { postingPageSql } from '../entities/posting-page.ts';
import { RESCORE_WINDOW, relevancePageSql, rescoreWindow } from '../entities/relevance-page.ts';
import { FILL_MAX_TERMS } from '../entities/term-facets.ts';
import { summaryColumns, summaryView, type SummaryRow } from '../entities/store-rows.ts';
import { fillTermFacetsLater } from './fill-term-facets.ts';

const sortSpec = {
  newest: { expr: 'p.id', dir: 'desc' },
  price_asc: { expr: 'lp.min_amount', dir: 'asc' },
  price_desc: { expr: 'lp.min_amount', dir: 'desc' },
  title: { expr: 'lower(p.title)', dir: 'asc' },
  rating: { expr: 'p.rating_average', dir: 'desc' },
} as const;

interface ListingRow extends SummaryRow {
  sort_value: string | number | null;
}

export interface ListResult {
  items: ReturnType<typeof summaryView>[];
  nextCursor: string | null;
  facets?: ReturnType<typeof facetsView>;
}

/**
 * One SQL statement per page, whatever its size and with or without facets: the products' listing
 * rows (price range, variants as shown in the currency, stock, category ids: all kept denormalised,
 * entities/read-models.ts). With facets, the matches are computed once and both the page and the
 * counts are taken from them. Keyset paging on (sort value, id) keeps pages stable while products are added.
 */
export async function listProducts(
  em: EntityManager,
  q: ListingQuery,
  currency: Currency,
  withFacets = false,
): Promise<ListResult> {
  const sort = q.sort ?? (q.q ? 'relevance' : 'newest');
  if (sort === 'relevance' && !q.q)
    throw new BadRequest('sort=relevance needs a search query q', {
      errors: [{ field: 'sort', message: 'relevance needs q' }],
    });
  if (sort === 'relevance') return relevancePage(em, q, currency, withFacets);
  const cursor = q.cursor ? decodeCursor(q.cursor, sort) : undefined;
  const where = await listingFilters(em, q);
  const spec = sortSpec[sort];
  const op = spec.dir === 'desc' ? '<' : '>';
  const from = `from product.products p join product.listing_prices lp on lp.product_id = p.id and lp.currency = ?`;
  let rows: ListingRow[];
  let facets: FacetColumns | undefined;
  if (!withFacets) {
    const sql = new Sql()
      .add(`select ${summaryColumns},`)
      .add(`${spec.expr} as sort_value`)
      .add(from, currency)
      .add('where')
      .append(where);
    if (cursor && sort === 'newest') sql.add(`and p.id ${op} ?`, cursor.id);
    else if (cursor) sql.add(`and (${spec.expr}, p.id) ${op} (?, ?)`, cursor.value, cursor.id);
    sql.add(`order by ${spec.expr} ${spec.dir}, p.id ${spec.dir} limit ?`, q.limit + 1);
    rows = await query<ListingRow>(em, sql.text, sql.params);
  } else {
    const sql = new Sql()
      .add(`with matched as materialized (select p.id, lp.min_amount, p.in_stock, p.category_ids,`)
      .add(`${spec.expr} as sort_value`)
      .add(from, currency)
      .add('where')
      .append(where)
      .add('), page as (select id, sort_value from matched where true');
    if (cursor && sort === 'newest') sql.add(`and id ${op} ?`, cursor.id);
    else if (cursor) sql.add(`and (sort_value, id) ${op} (?, ?)`, cursor.value, cursor.id);
    sql
      .add(`order by sort_value ${spec.dir}, id ${spec.dir} limit ?)`, q.limit + 1)
      .add(`select (select coalesce(json_agg(x order by x.sort_value ${spec.dir}, x.id ${spec.dir}), '[]')`)
      .add(`from (select ${summaryColumns}, page.sort_value from page join product.products p on p.id = page.id`)
      .add(`join product.listing_prices lp on lp.product_id = p.id and lp.currency = ?) x) as items,`, currency)
      .add(facetColumnsSql(currency));
    const [row] = await query<FacetColumns & { items: ListingRow[] }>(em, sql.text, sql.params);
    rows = row.items;
    facets = row;
  }
  return pageOf(rows, q.limit, sort, currency, facets);
}

/**
 * A relevance-ranked page, one statement, on the path searchPath picks (entities/listing-filters.ts):
 * through the postings (entities/posting-page.ts: only the best matches' products are read), or
 * through the search documents (entities/relevance-page.ts). The two rank by different text
 * scores, so a cursor names the one it came from (`relevance:postings`): the other refuses it (400).
 */
async function relevancePage(
  em: EntityManager,
  q: ListingQuery,
  currency: Currency,
  withFacets: boolean,
): Promise<ListResult> {
  const plan = q.plan;
  const path = searchPath(q, withFacets);
  const sort = path === 'documents' ? 'relevance' : 'relevance:postings';
  const cursor = q.cursor ? decodeCursor(q.cursor, sort) : undefined;
  if (cursor && (typeof cursor.value !== 'number' || !Number.isFinite(cursor.value)))
    throw new BadRequest('cursor is not valid for this query', {
      errors: [{ field: 'cursor', message: 'is not a cursor this listing issued for this sort' }],
    });
  const page = {
    corrected: plan?.corrected ?? q.q?.toLowerCase() ?? '',
    currency,
    after: cursor ? { value: cursor.value as number, id: cursor.id } : undefined,
    limit: q.limit,
    // (a cursor issued before windows were sized by the page was ranked with the largest)
    window: cursor ? (cursor.window ?? RESCORE_WINDOW) : rescoreWindow(q.limit),
  };
  // an unfiltered single word's counts come from those kept per term (docs/adr/0130)
  const keptFacets = path === 'kept';
  // (the postings paths take a single word group: searchPath)
  const [single] = plan?.groups ?? [];
  const sql =
    path !== 'documents' && single
      ? postingPageSql({
          ...page,
          withFacets: withFacets && !keptFacets,
          keptFacets,
          group: single,
          where: await listingFilters(em, q, path),
        })
      : relevancePageSql({ ...page, withFacets, where: await listingFilters(em, q), tsquery: searchQuery(q) });
  const [row] = await query<Partial<FacetColumns> & { items: ListingRow[]; unkept?: number; covered?: number }>(
    em,
    sql.text,
    sql.params,
  );
  // the next search of this word reads what a fill counts, after this answer (a short typed start
  // covering many terms is not kept: it would count them all)
  if (keptFacets && single && row.unkept && (row.covered ?? 0) <= FILL_MAX_TERMS)
    fillTermFacetsLater(em, single, currency);
  return pageOf(row.items, q.limit, sort, currency, withFacets ? (row as FacetColumns) : undefined, page.window);
}

/** The first `limit` rows, and a cursor after the last when there was one more. */
function pageOf(
  rows: ListingRow[],
  limit: number,
  sort: string,
  currency: Currency,
  facets: FacetColumns | undefined,
  window?: number,
): ListResult {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const lastValue = (v: ListingRow['sort_value']) => (sort === 'newest' ? null : typeof v === 'string' ? v : Number(v));
  return {
    items: page.map((r) => summaryView(r, currency)),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ sort, value: lastValue(last.sort_value), id: last.id, window })
        : null,
    ...(facets ? { facets: facetsView(facets, currency) } : {}),
  };
}
