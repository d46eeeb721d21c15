import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { Currency } from '../../pricing/contract.ts';
import type { WordGroup } from '../domain/query-plan.ts';
import { priceBucketEdges } from '../domain/price-buckets.ts';
import { productDb } from './db.ts';
import { bucketCountsSql } from './facet-counts.ts';
import { Sql } from './listing-filters.ts';
import { matchedOfTermsSql, termsOfGroupSql } from './group-terms.ts';

/**
 * A kept row `tf` counts in this currency while it was made with this currency's bucket edges and
 * its term has no stale entry (written by the postings' trigger).
 */
const fresh = (currency: Currency) =>
  new Sql().add(
    `tf.currency = ? and tf.edges = ?::bigint[]
      and not exists (select 1 from product.term_facets_stale s where s.term = tf.term)`,
    currency,
    priceBucketEdges(currency),
  );

/** A group term `t` without a fresh kept row (the '' padding is no term). */
const unkept = (currency: Currency) =>
  new Sql()
    .add(`t.term <> '' and not exists (select 1 from product.term_facets tf where tf.term = t.term and`)
    .append(fresh(currency))
    .add(')');

/**
 * As CTEs after `terms` (termsOfGroupSql): `kept`, the kept counts of the group's term with the most
 * matches (none when no term is kept), and `matched`, the matches of the group's other terms that
 * the kept term does not hold, as facetColumnsSql's CTE. Counts of a group are not the sum of its
 * terms' (a product holds several), but the kept term's plus the rest's are exact: each match is
 * counted once, in the kept row or in `matched`.
 */
export function keptAndRestSql(currency: Currency): Sql {
  return new Sql()
    .add(', kept as (select tf.* from terms t join product.term_facets tf on tf.term = t.term where')
    .append(fresh(currency))
    .add('order by tf.matches desc, tf.term limit 1)')
    .append(matchedOfTermsSql(currency, new Sql().add('true'), { kept: true }));
}

/**
 * The facet columns (FacetColumns) over `kept` and `matched`, `unkept`: how many of the group's
 * terms have no fresh row, and `covered`: how many terms the group has.
 */
export function keptFacetColumnsSql(currency: Currency): Sql {
  const edges = priceBucketEdges(currency);
  const kept = (col: string) => `coalesce((select ${col} from kept), 0)`;
  return new Sql()
    .add(
      `(select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'count', x.n) order by x.n desc, c.name, c.id), '[]')
      from (select cid, sum(n)::int as n from (select unnest(m.category_ids) as cid, 1 as n from matched m
              union all select e.key::uuid, e.value::int from kept k cross join jsonb_each_text(k.categories) e) u
            group by cid order by n desc, cid limit 30) x join product.categories c on c.id = x.cid) as categories,`,
    )
    .add(
      `(select json_build_array(${bucketCountsSql(edges, (i) => kept(`buckets[${i + 1}]`)).join(', ')}) from matched) as buckets,`,
    )
    .add(`(select json_build_object('true', count(*) filter (where in_stock) + ${kept('in_stock')},`)
    .add(`'false', count(*) filter (where not in_stock) + ${kept('out_of_stock')}) from matched) as stock,`)
    .add('(select count(*)::int from terms t where')
    .append(unkept(currency))
    .add(") as unkept, (select count(*)::int from terms t where t.term <> '') as covered");
}

/** Try-lock key of fills; the postings' trigger takes it shared (migration 20270105000000). */
const FILL_LOCK = `'product.term_facets'::regclass::oid::int, 0`;

/** A group of more terms than this (a short typed start) is not filled: a fill would count them all. */
export const FILL_MAX_TERMS = 8;

/**
 * Counts and keeps the facets of one term of the group, the one with the most postings of those
 * without a fresh row in this currency (the kept path reads the largest kept term's row and counts
 * the rest; the next searches fill the others, one each), in a transaction of its own; nothing for
 * a group of more than FILL_MAX_TERMS terms. Only while no transaction that
 * wrote postings is open (the try-lock): the counts' snapshot, taken after the lock, then holds
 * every change, and a later change marks what this stored stale. The term's stale entries go
 * with the rewrite, and so do its rows in other currencies, which they also marked.
 */
export async function keepTermFacets(em: EntityManager, g: WordGroup, currency: Currency): Promise<void> {
  const edges = priceBucketEdges(currency);
  const sql = new Sql()
    .add('with')
    .append(termsOfGroupSql(g))
    .add(', todo as (select t.term from terms t where')
    .append(unkept(currency))
    .add("and (select count(*) from terms where term <> '') <= ?", FILL_MAX_TERMS)
    .add('order by (select count(*) from product.search_postings p where p.term = t.term) desc, t.term limit 1)')
    .add(', cleared as (delete from product.term_facets_stale s using todo where s.term = todo.term returning s.term)')
    .add(
      ', others as (delete from product.term_facets tf where tf.term in (select term from cleared) and tf.currency <> ?)',
      currency,
    )
    .add(', m as (select p.term, lp.min_amount, p.in_stock, p.category_ids from todo')
    .add('join product.search_postings p on p.term = todo.term')
    .add('cross join lateral (select (p.min_prices ->> ?::text)::bigint as min_amount) lp', currency)
    .add('where lp.min_amount is not null)')
    .add(', cats as (select term, jsonb_object_agg(cid, n) as categories from (select m.term, u.cid, count(*) as n')
    .add('from m cross join lateral unnest(m.category_ids) u(cid) group by m.term, u.cid) x group by term)')
    .add(
      'insert into product.term_facets as tf (term, currency, edges, matches, categories, buckets, in_stock, out_of_stock)',
    )
    .add('select todo.term, ?, ?::bigint[], count(m.term), coalesce(c.categories, ?::jsonb),', currency, edges, '{}')
    .add(`array[${bucketCountsSql(edges).join(', ')}]::int[],`)
    .add('count(*) filter (where m.in_stock), count(*) filter (where not m.in_stock)')
    .add('from todo left join m on m.term = todo.term left join cats c on c.term = todo.term')
    .add('group by todo.term, c.categories')
    .add('on conflict (term, currency) do update set edges = excluded.edges, matches = excluded.matches,')
    .add('categories = excluded.categories, buckets = excluded.buckets, in_stock = excluded.in_stock,')
    .add('out_of_stock = excluded.out_of_stock');
  await em.transactional(async (tx) => {
    const [lock] = await query<{ ok: boolean }>(tx, `select pg_try_advisory_xact_lock(${FILL_LOCK}) as ok`);
    if (lock?.ok) await query(tx, sql.text, sql.params);
  });
}

/**
 * Drops every kept count and stale entry (a search rebuild, or a reconcile that repaired drift):
 * drift comes from writes outside the app (a restore, SQL with triggers off) that the postings'
 * trigger may not have seen. Waits for the fill lock exclusive: no fill nor writer is then open,
 * and writers lock no kept row, so the deletes wait for nothing.
 */
export async function dropKeptFacets(em: EntityManager): Promise<void> {
  await em.transactional(async (tx) => {
    await query(tx, `select pg_advisory_xact_lock(${FILL_LOCK})`);
    await productDb(tx).deleteFrom('term_facets').execute();
    await productDb(tx).deleteFrom('term_facets_stale').execute();
  });
}
