import type { Currency } from '../../pricing/contract.ts';
import type { WordGroup } from '../domain/query-plan.ts';
import { facetColumnsSql } from './facet-counts.ts';
import { Sql } from './listing-filters.ts';
import { RESCORED, RESCORE_WINDOW, pageItemsSql } from './relevance-page.ts';

export interface PostingPage {
  /** The query's word groups (QueryPlan.groups): a product matches when it holds a term of each. */
  groups: WordGroup[];
  /** The listing filters, without the text match (the postings are the text match). */
  where: Sql;
  corrected: string;
  currency: Currency;
  after?: { value: number; id: string };
  limit: number;
  withFacets: boolean;
}

/** The end of the byte-wise range of the strings that start with `start` (UTF-8 keeps code point order). */
export function startRangeEnd(start: string): string {
  const points = [...start];
  const last = points.pop()?.codePointAt(0) ?? 0;
  return points.join('') + String.fromCodePoint(last + 1);
}

/** The postings of one group (ids and scores, index-only): its terms, and for a typed last word the terms it starts. */
function groupPostings(g: WordGroup): Sql {
  const sql = new Sql().add(
    'select product_id, score from product.search_postings where term = any(?::text[])',
    g.terms,
  );
  if (g.prefix)
    sql.add(
      'union all select product_id, score from product.search_postings where term ~>=~ ? and term ~<~ ?',
      g.word,
      startRangeEnd(g.word),
    );
  return sql;
}

/**
 * The matches' ids and text scores from the postings alone: a product's score for a group is its
 * best posting among the group's terms; with several groups, every group must match and the score
 * is their mean, so it stays in [0, 1] below RESCORED.
 */
function candidatesSql(groups: WordGroup[]): Sql {
  const [first] = groups;
  if (groups.length === 1 && first)
    return new Sql()
      .add('select product_id as id, max(score)::float8 as text_rank from (')
      .append(groupPostings(first))
      .add(') g group by product_id');
  const sql = new Sql().add('select product_id as id, sum(s)::float8 / ? as text_rank from (', groups.length);
  groups.forEach((g, i) => {
    if (i > 0) sql.add('union all');
    sql.add('select product_id, max(score) as s from (').append(groupPostings(g)).add(') g group by product_id');
  });
  return sql.add(') y group by product_id having count(*) = ?', groups.length);
}

/** The product columns a match is filtered on, read from `products` alone (`lp.min_amount` as the filters name it). */
const matchFrom = (currency: Currency) =>
  new Sql().add(
    'from product.products p cross join lateral (select (p.min_prices ->> ?::text)::bigint as min_amount) lp',
    currency,
  );

/**
 * The matches in text score order, each product read by its key only as the stream reaches it,
 * so a page under a LIMIT stops after the products it needs (the `offset 0` keeps the lateral
 * read per row instead of a join over every match).
 */
function streamSql(r: PostingPage, tail: { after?: { value: number; id: string }; offset?: number; limit: number }) {
  const sql = new Sql()
    .add('select o.id, m.title, o.text_rank from (select id, text_rank from cand order by text_rank desc, id desc) o')
    .add('cross join lateral (select p.title')
    .append(matchFrom(r.currency))
    .add('where p.id = o.id and lp.min_amount is not null and')
    .append(r.where)
    .add('offset 0) m');
  if (tail.after) sql.add('where (o.text_rank, o.id) < (?::float8, ?::uuid)', tail.after.value, tail.after.id);
  sql.add('order by o.text_rank desc, o.id desc');
  if (tail.offset) sql.add('offset ?', tail.offset);
  return sql.add('limit ?', tail.limit);
}

const rescored = (r: PostingPage) =>
  new Sql().add(`${RESCORED} + text_rank + word_similarity(?, lower(title))`, r.corrected);

/**
 * A relevance-ranked page from the postings (docs/adr/0101), ordered as relevancePageSql orders
 * its matches: the best RESCORE_WINDOW by text score rescored with the title's similarity, the
 * rest after them by text score. Without facets, only the window's products (and the page's
 * after it) are read; with facets, every match is, once, for the counts.
 */
export function postingPageSql(r: PostingPage): Sql {
  const sql = new Sql().add('with cand as (').append(candidatesSql(r.groups)).add(')');
  const k = r.limit + 1;
  if (r.withFacets) {
    sql
      .add(', matched as materialized (select c.id, p.title, lp.min_amount, p.in_stock, p.category_ids, c.text_rank')
      .append(matchFrom(r.currency))
      .add('join cand c on c.id = p.id where lp.min_amount is not null and')
      .append(r.where)
      .add('), ranked as (select id, (case when rank_order <= ? then', RESCORE_WINDOW)
      .append(rescored(r))
      .add('else text_rank end)::float8 as sort_value')
      .add('from (select id, title, text_rank, row_number() over (order by text_rank desc, id desc) as rank_order')
      .add('from matched) w), page as (select id, sort_value from ranked where true');
    if (r.after) sql.add('and (sort_value, id) < (?::float8, ?::uuid)', r.after.value, r.after.id);
    sql.add('order by sort_value desc, id desc limit ?)', k);
  } else if (r.after && r.after.value < RESCORED) {
    // past the window: the rest in text score order
    sql.add(', page as (select id, text_rank as sort_value from (').append(streamSql(r, { after: r.after, limit: k }));
    sql.add(') s)');
  } else {
    sql
      .add(', win as (')
      .append(streamSql(r, { limit: RESCORE_WINDOW }))
      .add(')');
    sql
      .add(', page as (select id, sort_value from (select id, (')
      .append(rescored(r))
      .add(')::float8 as sort_value from win) w');
    if (r.after) {
      // inside the window: its rest, then the first matches after it
      sql.add('where (sort_value, id) < (?::float8, ?::uuid)', r.after.value, r.after.id);
      sql.add('union all select id, text_rank from (').append(streamSql(r, { offset: RESCORE_WINDOW, limit: k }));
      sql.add(') s');
    }
    sql.add('order by sort_value desc, id desc limit ?)', k);
  }
  sql.append(pageItemsSql(r.currency));
  if (r.withFacets) sql.add(`, ${facetColumnsSql(r.currency)}`);
  return sql;
}
