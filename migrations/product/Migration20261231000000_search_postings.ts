import { Migration } from '@mikro-orm/migrations';

/**
 * The search's inverted index (docs/adr/0101): a word's published products with a static score,
 * so a search reads its matches from a narrow index instead of every matching product's document.
 * Filled here from the search documents; kept by the read models from now on.
 */
export class Migration20261231000000_search_postings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table product.search_postings (product_id uuid not null, term text not null,
      score real not null, in_stock boolean not null, category_ids uuid[] not null, min_prices jsonb not null,
      constraint search_postings_pkey primary key (product_id, term))`);
    this.addSql(`insert into product.search_postings (product_id, term, score, in_stock, category_ids, min_prices)
      select p.id, l.lexeme, case when 'A' = any(l.weights) then 1 when 'B' = any(l.weights) then 0.4
        when 'C' = any(l.weights) then 0.2 else 0.1 end, p.in_stock, p.category_ids, p.min_prices
      from product.products p cross join lateral unnest(p.search) l
      where p.status = 'published' and p.search is not null`);
    this.addSql(`create index search_postings_term_idx on product.search_postings
      (term text_pattern_ops, score desc, product_id desc) include (in_stock, category_ids, min_prices)`);
  }
}
