import { Migration } from '@mikro-orm/migrations';

/**
 * Facet counts kept per (term, currency) (docs/adr/0130): an unfiltered single-word search with
 * facets reads them instead of aggregating every posting of its terms. Filled by the searches;
 * a trigger on the postings marks a term's rows stale in the transaction that changes its postings.
 */
export class Migration20270105000000_term_facets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table product.term_facets (term text not null, currency text not null,
      edges bigint[] not null, matches int not null, categories jsonb not null, buckets int[] not null,
      in_stock int not null, out_of_stock int not null,
      constraint term_facets_pkey primary key (term, currency))`);
    // Insert-only: a writer never locks a kept row (two writers locking rows in their statements'
    // orders deadlocked). A kept row counts only while its term has no entry here; the fill that
    // rewrites a term's rows deletes its entries. The id is only a key: inserts never conflict.
    this.addSql(`create table product.term_facets_stale (id bigserial not null, term text not null,
      constraint term_facets_stale_pkey primary key (id))`);
    this.addSql(`create index term_facets_stale_term_idx on product.term_facets_stale (term)`);
    // Every write of the postings (the read models' diff, the price and stock projections, a
    // product's delete, a truncate) marks stale the kept counts of the terms whose matches or
    // attributes it changed. The shared advisory lock pairs with a fill's exclusive one
    // (entities/term-facets.ts): taken before the `exists`, so that check sees every row a fill
    // committed, and a fill never stores counts from a snapshot older than a change it did not see.
    // An update is matched old to new on the key: a changed term or product marks both sides.
    this.addSql(`create function product.term_facets_drop() returns trigger language plpgsql as $fn$
      declare changed text[];
      begin
        if tg_op = 'INSERT' then
          select array_agg(distinct n.term) into changed from new_rows n;
        elsif tg_op = 'DELETE' then
          select array_agg(distinct o.term) into changed from old_rows o;
        elsif tg_op = 'UPDATE' then
          select array_agg(distinct coalesce(n.term, o.term)) into changed
            from new_rows n full join old_rows o on o.product_id = n.product_id and o.term = n.term
            where (n.product_id, n.in_stock, n.category_ids, n.min_prices)
              is distinct from (o.product_id, o.in_stock, o.category_ids, o.min_prices);
        end if;
        if tg_op = 'TRUNCATE' then
          perform pg_advisory_xact_lock_shared('product.term_facets'::regclass::oid::int, 0);
          insert into product.term_facets_stale (term) select distinct tf.term from product.term_facets tf;
          return null;
        end if;
        if changed is null then return null; end if;
        perform pg_advisory_xact_lock_shared('product.term_facets'::regclass::oid::int, 0);
        insert into product.term_facets_stale (term) select c.term from unnest(changed) c(term)
          where exists (select 1 from product.term_facets tf where tf.term = c.term)
            and not exists (select 1 from product.term_facets_stale s where s.term = c.term);
        return null;
      end $fn$`);
    for (const [op, table] of [
      ['insert', 'referencing new table as new_rows'],
      ['update', 'referencing old table as old_rows new table as new_rows'],
      ['delete', 'referencing old table as old_rows'],
      ['truncate', ''],
    ])
      this.addSql(`create trigger search_postings_${op}_drops_term_facets after ${op} on product.search_postings
        ${table} for each statement execute function product.term_facets_drop()`);
  }
}
