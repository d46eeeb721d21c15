import type { Currency } from '../../pricing/contract.ts';
import type { WordGroup } from '../domain/query-plan.ts';
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
}

/** The end of the byte-wise range of the strings that start with `start` (UTF-8 keeps code point order). */
export function startRangeEnd(start: string): string {
  const points = [...start];
  const last = points.pop()?.codePointAt(0) ?? 0;
  return points.join('') + String.fromCodePoint(last + 1);
}

/** The postings of one group, with the facet attributes (index-only): its terms, and for a typed last word the terms it starts. */
function groupPostings(g: WordGroup): Sql {
  const cols = 'product_id, score, in_stock, category_ids, min_prices';
  // terms the typed start covers are read by its range already
  const terms = g.prefix ? g.terms.filter((t) => !t.startsWith(g.word)) : g.terms;
  const sql = new Sql();
  if (terms.length) sql.add(`select ${cols} from product.search_postings where term = any(?::text[])`, terms);
  if (g.prefix)
    sql.add(
      `${terms.length ? 'union all ' : ''}select ${cols} from product.search_postings where term ~>=~ ? and term ~<~ ?`,
      g.word,
      startRangeEnd(g.word),
    );
  return sql;
}

const attributes = 'in_stock, category_ids, min_prices';

/**
 * The matches from the postings alone: id, text score and facet attributes (the same on each of a
 * product's postings). A product's score for a group is its best posting among the group's terms;
 * with several groups, every group must match and the score is their mean, so it stays in [0, 1]
 * below RESCORED.
 */
function candidatesSql(groups: WordGroup[]): Sql {
  const [first] = groups;
  if (groups.length === 1 && first)
    return new Sql()
      .add(`select product_id as id, max(score)::float8 as text_rank, ${attributes} from (`)
      .append(groupPostings(first))
      .add(`) g group by product_id, ${attributes}`);
  const sql = new Sql().add(
    `select product_id as id, sum(s)::float8 / ? as text_rank, ${attributes} from (`,
    groups.length,
  );
  groups.forEach((g, i) => {
    if (i > 0) sql.add('union all');
    sql
      .add(`select product_id, max(score) as s, ${attributes} from (`)
      .append(groupPostings(g))
      .add(`) g group by product_id, ${attributes}`);
  });
  return sql.add(`) y group by product_id, ${attributes} having count(*) = ?`, groups.length);
}

/** The matches that pass the filters, as `p` (their postings' columns) and `lp.min_amount`, as the filters name them. */
const filtered = (r: PostingPage) =>
  new Sql()
    .add('from cand p cross join lateral (select (p.min_prices ->> ?::text)::bigint as min_amount) lp', r.currency)
    .add('where lp.min_amount is not null and')
    .append(r.where);

/** The filtered matches in text score order: the product table is never read for them. */
function streamSql(r: PostingPage, tail: { after?: { value: number; id: string }; offset?: number; limit: number }) {
  const sql = new Sql().add('select p.id, p.text_rank').append(filtered(r));
  if (tail.after) sql.add('and (p.text_rank, p.id) < (?::float8, ?::uuid)', tail.after.value, tail.after.id);
  sql.add('order by p.text_rank desc, p.id desc');
  if (tail.offset) sql.add('offset ?', tail.offset);
  return sql.add('limit ?', tail.limit);
}

/** The costly score of a window row `w`: its title (read for the window's rows only) against the corrected query. */
const rescored = (r: PostingPage) =>
  new Sql().add(
    `${RESCORED} + w.text_rank + word_similarity(?, lower((select t.title from product.products t where t.id = w.id)))`,
    r.corrected,
  );

/**
 * A relevance-ranked page from the postings (docs/adr/0101), ordered as relevancePageSql orders
 * its matches: the best RESCORE_WINDOW by text score rescored with the title's similarity, the
 * rest after them by text score. Matching and filtering read the postings only; `products` is
 * read for the window's titles and the page's rows, so a first page costs the same whether a
 * word matches 100 products or 5,000 (beyond aggregating their postings).
 */
export function postingPageSql(r: PostingPage): Sql {
  const sql = new Sql().add('with cand as (').append(candidatesSql(r.groups)).add(')');
  const k = r.limit + 1;
  if (r.after && r.after.value < RESCORED) {
    // past the window: the rest in text score order
    sql.add(', page as (select id, text_rank as sort_value from (').append(streamSql(r, { after: r.after, limit: k }));
    sql.add(') s)');
  } else {
    sql
      .add(', win as (')
      .append(streamSql(r, { limit: RESCORE_WINDOW }))
      .add(')');
    sql.add(', page as (select id, sort_value from (select w.id, (').append(rescored(r));
    sql.add(')::float8 as sort_value from win w) x');
    if (r.after) {
      // inside the window: its rest, then the first matches after it
      sql.add('where (sort_value, id) < (?::float8, ?::uuid)', r.after.value, r.after.id);
      sql.add('union all select id, text_rank from (').append(streamSql(r, { offset: RESCORE_WINDOW, limit: k }));
      sql.add(') s');
    }
    sql.add('order by sort_value desc, id desc limit ?)', k);
  }
  return sql.append(pageItemsSql(r.currency));
}
