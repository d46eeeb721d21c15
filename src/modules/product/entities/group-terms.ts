import type { Currency } from '../../pricing/contract.ts';
import type { WordGroup } from '../domain/query-plan.ts';
import { Sql } from './listing-filters.ts';

/** The end of the byte-wise range of the strings that start with `start` (UTF-8 keeps code point order). */
export function startRangeEnd(start: string): string {
  const points = [...start];
  const last = points.pop()?.codePointAt(0) ?? 0;
  return points.join('') + String.fromCodePoint(last + 1);
}

/** Below this many listed terms, a group's list is padded: see termsOfGroupSql. */
const LISTED_TERMS = 10;

/**
 * As CTE `terms`: the distinct terms a single word group accepts, its listed spellings and the
 * terms its typed start covers, found by walking the index from term to term (one descent each).
 * The statement's shape is the same whatever the group holds, and so are its estimates: Postgres
 * guesses 10 elements for a bound array, so a shorter list is padded to 10 with '' (no posting
 * holds it). Else a plan made for this group's values looks cheaper than the generic plan, and
 * Postgres plans every call afresh, which cost as much as running it (docs/adr/0111).
 */
export function termsOfGroupSql(g: WordGroup): Sql {
  const listed = g.prefix ? g.terms.filter((t) => !t.startsWith(g.word)) : [...g.terms];
  while (listed.length < LISTED_TERMS) listed.push('');
  // (no typed start: an empty range)
  const [from, to] = g.prefix ? [g.word, startRangeEnd(g.word)] : [g.word, g.word];
  const next = (after: string) =>
    `(select sp.term from product.search_postings sp where sp.term ${after} and sp.term ~<~ ?::text
      order by sp.term using ~<~ limit 1)`;
  return new Sql()
    .add(`recursive started(term) as (${next('~>=~ ?::text')}`, from, to)
    .add(`union all select ${next('~>~ s.term')} from started s where s.term is not null)`, to)
    .add(', terms as (select term from started where term is not null union select unnest(?::text[]))', listed);
}

/**
 * As CTE `matched`, as facetColumnsSql counts it: every match of the group in CTE `terms` priced
 * in `currency` and passing `where` (the filters, `p` a posting), once, with its text score and
 * facet attributes, from the postings alone. Grouped by product only (the attributes are the same
 * on each of its postings, so any aggregate of them is the product's): grouping by the array and
 * jsonb columns too hashed them for every posting. `kept` leaves out the matches of the kept term
 * (CTE `kept`, entities/term-facets.ts), whose counts are read from its row instead, and the score.
 */
export function matchedOfTermsSql(currency: Currency, where: Sql, opts: { kept?: boolean } = {}): Sql {
  const sql = new Sql()
    .add(
      `, matched as materialized (select p.product_id as id,${opts.kept ? '' : ' max(p.score)::float8 as text_rank,'}`,
    )
    .add('min(lp.min_amount) as min_amount, bool_or(p.in_stock) as in_stock, min(p.category_ids) as category_ids')
    .add('from terms join product.search_postings p on p.term = terms.term')
    .add('cross join lateral (select (p.min_prices ->> ?::text)::bigint as min_amount) lp', currency)
    .add('where lp.min_amount is not null and')
    .append(where);
  if (opts.kept)
    sql
      .add('and terms.term is distinct from (select term from kept)')
      .add('and not exists (select 1 from product.search_postings d where d.term = (select term from kept)')
      .add('and d.product_id = p.product_id)');
  return sql.add('group by p.product_id)');
}
