import type { Currency } from '../../pricing/contract.ts';
import type { WordGroup } from '../domain/query-plan.ts';
import { facetColumnsSql } from './facet-counts.ts';
import { Sql } from './listing-filters.ts';
import { matchedOfTermsSql, startRangeEnd, termsOfGroupSql } from './group-terms.ts';
import { RESCORED, pageItemsSql } from './relevance-page.ts';
import { keptAndRestSql, keptFacetColumnsSql } from './term-facets.ts';

export interface PostingPage {
  /** The query's one word group (searchPath sends several to the documents): one of its terms makes a match. */
  group: WordGroup;
  /** The listing filters, without the text match (the postings are the text match). */
  where: Sql;
  corrected: string;
  currency: Currency;
  after?: { value: number; id: string };
  limit: number;
  /** How many of the best matches by text score are rescored (rescoreWindow, or the cursor's). */
  window: number;
  /** With the facet counts over every match (docs/adr/0112): columns after `items`. */
  withFacets?: boolean;
  /**
   * With the facet counts of an unfiltered single word group from the kept counts of its terms
   * (docs/adr/0130), and `unkept`, how many of its terms had none: the page is the no-facets page.
   */
  keptFacets?: boolean;
}

/**
 * A row count written into the statement, not bound: a prepared statement's generic plan costs a
 * bound LIMIT as a tenth of the rows, which made Postgres plan every call afresh (docs/adr/0111).
 * The counts come from the page size (a few values), so the texts stay few.
 */
function count(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row count: ${n}`);
  return String(n);
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
 * The matches of a word group from its postings alone: id, text score (a product's best posting
 * among the group's terms) and facet attributes (the same on each of a product's postings).
 */
function candidatesSql(group: WordGroup): Sql {
  return new Sql()
    .add(`select product_id as id, max(score)::float8 as text_rank, ${attributes} from (`)
    .append(groupPostings(group))
    .add(`) g group by product_id, ${attributes}`);
}

/**
 * As CTE `cand`: the best `n` matches of a single word group, filtered, with their text score:
 * each of the group's terms read best first through the term index and cut at that many, then
 * merged. Exact: a product among the best n has its best posting among the best n of that
 * posting's term, since each posting above it there is another product's, at least as good. So a
 * broad typed start costs a few postings per term, not every posting it covers.
 */
function bestOfGroupSql(r: PostingPage, n: number): Sql {
  return new Sql()
    .add(', cand as (select b.id, max(b.score)::float8 as text_rank from terms cross join lateral')
    .add('(select p.product_id as id, p.score from product.search_postings p')
    .add('cross join lateral (select (p.min_prices ->> ?::text)::bigint as min_amount) lp', r.currency)
    .add('where p.term = terms.term and lp.min_amount is not null and')
    .append(r.where)
    .add(`order by p.score desc, p.product_id desc limit ${count(n)}) b group by b.id)`);
}

/** The matches that pass the filters, as `p` (their postings' columns) and `lp.min_amount`, as the filters name them. */
const filtered = (r: PostingPage) =>
  new Sql()
    .add('from cand p cross join lateral (select (p.min_prices ->> ?::text)::bigint as min_amount) lp', r.currency)
    .add('where lp.min_amount is not null and')
    .append(r.where);

/** The matches of `from` (`p`, ending in a where clause) in text score order: the product table is never read for them. */
function streamSql(from: Sql, tail: { after?: { value: number; id: string }; offset?: number; limit: number }) {
  const sql = new Sql().add('select p.id, p.text_rank').append(from);
  if (tail.after) sql.add('and (p.text_rank, p.id) < (?::float8, ?::uuid)', tail.after.value, tail.after.id);
  sql.add('order by p.text_rank desc, p.id desc');
  if (tail.offset) sql.add(`offset ${count(tail.offset)}`);
  return sql.add(`limit ${count(tail.limit)}`);
}

/** The costly score of a window row `w`: its title (read for the window's rows only) against the corrected query. */
const rescored = (r: PostingPage) =>
  new Sql().add(
    `${RESCORED} + w.text_rank + word_similarity(?, lower((select t.title from product.products t where t.id = w.id)))`,
    r.corrected,
  );

/**
 * A relevance-ranked page from the postings (docs/adr/0101, 0110), ordered as relevancePageSql
 * orders its matches: the best `window` by text score rescored with the title's similarity, the
 * rest after them by text score. Matching and filtering read the postings only; `products` is
 * read for the window's titles and the page's rows. One word group only (searchPath: several
 * words intersect cheaper in the documents' index, docs/adr/0149). It reads only the best postings
 * of each of its terms while the page lies in the window; a page past the window aggregates every
 * posting of its terms. With facets (docs/adr/0112), every match is kept once and counted after
 * `items`, as relevancePageSql does; with kept facets (unfiltered, docs/adr/0130), the page is the
 * no-facets page and the counts add the kept term's to those of the matches it does not hold.
 */
export function postingPageSql(r: PostingPage): Sql {
  const { group: single } = r;
  const k = r.limit + 1;
  const pastWindow = !!r.after && r.after.value < RESCORED;
  const best = !pastWindow && !r.withFacets;
  const sql = new Sql();
  if (r.withFacets || best || r.keptFacets) sql.add('with').append(termsOfGroupSql(single));
  if (r.keptFacets) sql.append(keptAndRestSql(r.currency));
  // inside the window with a cursor, the page may run past it: the best window + k then
  if (r.withFacets) sql.append(matchedOfTermsSql(r.currency, r.where));
  else if (best) sql.append(bestOfGroupSql(r, r.window + (r.after ? k : 0)));
  else
    sql
      .add(r.keptFacets ? ', cand as (' : 'with cand as (')
      .append(candidatesSql(single))
      .add(')');
  const from = best || r.withFacets ? new Sql().add(`from ${best ? 'cand' : 'matched'} p where true`) : filtered(r);
  if (r.after && pastWindow) {
    // past the window: the rest in text score order
    sql
      .add(', page as (select id, text_rank as sort_value from (')
      .append(streamSql(from, { after: r.after, limit: k }));
    sql.add(') s)');
  } else {
    sql
      .add(', win as (')
      .append(streamSql(from, { limit: r.window }))
      .add(')');
    sql.add(', page as (select id, sort_value from (select w.id, (').append(rescored(r));
    sql.add(')::float8 as sort_value from win w) x');
    if (r.after) {
      // inside the window: its rest, then the first matches after it
      sql.add('where (sort_value, id) < (?::float8, ?::uuid)', r.after.value, r.after.id);
      sql.add('union all select id, text_rank from (').append(streamSql(from, { offset: r.window, limit: k }));
      sql.add(') s');
    }
    sql.add(`order by sort_value desc, id desc limit ${count(k)})`);
  }
  sql.append(pageItemsSql(r.currency));
  if (r.keptFacets) return sql.add(',').append(keptFacetColumnsSql(r.currency));
  return r.withFacets ? sql.add(`, ${facetColumnsSql(r.currency)}`) : sql;
}
