import { Migration } from '@mikro-orm/migrations';

/**
 * Facet counts kept per (term, currency) (docs/adr/0130): an unfiltered single-word search with
 * facets reads them instead of aggregating every posting of its terms. Filled by the searches;
 * a trigger on the postings drops a term's rows in the transaction that changes its postings.
 */
export class Migration20270105000000_term_facets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table product.term_facets (term text not null, currency text not null,
      edges bigint[] not null, matches int not null, categories jsonb not null, buckets int[] not null,
      in_stock int not null, out_of_stock int not null,
      constraint term_facets_pkey primary key (term, currency))`);
    // Every write of the postings (the read models' diff, the price and stock projections, a
    // product's delete) drops the kept counts of the terms whose matches or attributes it changed.
    // The shared advisory lock pairs with a fill's exclusive one (entities/term-facets.ts), so a
    // fill never stores counts from a snapshot older than a change it did not see; rows are
    // locked in term order before the delete (docs/adr/0120).
    this.addSql(`create function product.term_facets_drop() returns trigger language plpgsql as $fn$
      declare changed text[];
      begin
        if tg_op = 'INSERT' then
          select array_agg(distinct n.term) into changed from new_rows n;
        elsif tg_op = 'DELETE' then
          select array_agg(distinct o.term) into changed from old_rows o;
        else
          select array_agg(distinct n.term) into changed from new_rows n join old_rows o using (product_id, term)
            where (n.in_stock, n.category_ids, n.min_prices) is distinct from (o.in_stock, o.category_ids, o.min_prices);
        end if;
        if changed is null then return null; end if;
        perform pg_advisory_xact_lock_shared('product.term_facets'::regclass::oid::int, 0);
        perform 1 from product.term_facets tf where tf.term = any(changed) order by tf.term, tf.currency for update;
        delete from product.term_facets tf where tf.term = any(changed);
        return null;
      end $fn$`);
    for (const [op, table] of [
      ['insert', 'new table as new_rows'],
      ['update', 'old table as old_rows new table as new_rows'],
      ['delete', 'old table as old_rows'],
    ])
      this.addSql(`create trigger search_postings_${op}_drops_term_facets after ${op} on product.search_postings
        referencing ${table} for each statement execute function product.term_facets_drop()`);
  }
}
