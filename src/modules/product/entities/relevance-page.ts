import type { Currency } from '../../pricing/contract.ts';
import { facetColumnsSql } from './facet-counts.ts';
import { Sql } from './listing-filters.ts';
import { summaryColumns } from './store-rows.ts';

/**
 * The most matches (best by their cheap text score) a ranking rescores with the title's similarity
 * to the query: more than the largest page (100), so a first page is always wholly rescored.
 */
export const RESCORE_WINDOW = 128;

/** The fewest a ranking rescores, however small the page: enough for the title to reorder the best. */
const MIN_RESCORE_WINDOW = 24;

/**
 * How many matches a first page of `limit` rescores (docs/adr/0110): twice the page, at least
 * MIN_RESCORE_WINDOW, at most RESCORE_WINDOW. Each costs a title read and a `word_similarity`; a
 * search-as-you-type page of 8 needs far fewer than 128. Later pages take it from the cursor.
 */
export const rescoreWindow = (limit: number) => Math.min(RESCORE_WINDOW, Math.max(MIN_RESCORE_WINDOW, 2 * (limit + 1)));

/**
 * Above every `ts_rank` (which lies in [0, 1]): a rescored match, whose value is this plus
 * `ts_rank` plus a similarity in [0, 1], sorts before every match outside the window.
 */
export const RESCORED = 2;

export interface RelevancePage {
  where: Sql;
  tsquery: Sql;
  /** The query as the vocabulary best reads it (QueryPlan.corrected). */
  corrected: string;
  currency: Currency;
  after?: { value: number; id: string };
  limit: number;
  /** How many of the best matches by `ts_rank` are rescored (rescoreWindow, or the cursor's). */
  window: number;
  withFacets: boolean;
}

/**
 * A relevance-ranked page as one statement, in two phases as a search engine's rescoring does
 * (Elasticsearch's `rescore` window): every match gets the cheap score, `ts_rank` of the rewritten
 * query (well under a microsecond); only the best `window` by it get the costly one,
 * `word_similarity` of the corrected query against the title (several microseconds each, which
 * over thousands of matches was most of a search's time). Matches past the window follow in
 * `ts_rank` order, so paging still reaches every match, each once. With facets, the counts are
 * aggregates over the same materialized matches (ADR 0093).
 *
 * Columns: `items` (the page's rows, limit + 1 of them, as JSON), then the facet columns.
 */
export function relevancePageSql(r: RelevancePage): Sql {
  // Without facets the matches are read once: no need to store them, nor what only facets count.
  const sql = new Sql()
    .add(
      r.withFacets
        ? 'with matched as materialized (select p.id, p.title, lp.min_amount, p.in_stock, p.category_ids,'
        : 'with matched as (select p.id, p.title,',
    )
    .add('ts_rank(p.search, ')
    .append(r.tsquery)
    .add(')::float8 as text_rank')
    // `lp.min_amount`, as the shared filters name it, read from the product's own row
    .add(
      'from product.products p cross join lateral (select (p.min_prices ->> ?::text)::bigint as min_amount) lp',
      r.currency,
    )
    .add('where lp.min_amount is not null and')
    .append(r.where)
    // (numbering the matches and rescoring by position costs a third of joining a rescored set back)
    .add('), ranked as (select id, (case when rank_order <= ? then', r.window)
    .add(
      `${RESCORED} + text_rank + word_similarity(?, lower(title)) else text_rank end)::float8 as sort_value`,
      r.corrected,
    )
    .add(
      'from (select id, title, text_rank, row_number() over (order by text_rank desc, id desc) as rank_order from matched) w',
    )
    .add('), page as (select id, sort_value from ranked where true');
  if (r.after) sql.add('and (sort_value, id) < (?::float8, ?::uuid)', r.after.value, r.after.id);
  sql.add('order by sort_value desc, id desc limit ?)', r.limit + 1).append(pageItemsSql(r.currency));
  if (r.withFacets) sql.add(`, ${facetColumnsSql(r.currency)}`);
  return sql;
}

/** The `items` column: the rows of CTE `page` (id, sort_value) as a listing shows them, in page order, as JSON. */
export function pageItemsSql(currency: Currency): Sql {
  return new Sql()
    .add(`select (select coalesce(json_agg(x order by x.sort_value desc, x.id desc), '[]')`)
    .add(`from (select ${summaryColumns}, page.sort_value from page join product.products p on p.id = page.id`)
    .add('join product.listing_prices lp on lp.product_id = p.id and lp.currency = ?) x) as items', currency);
}
