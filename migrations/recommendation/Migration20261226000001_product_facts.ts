import { Migration } from '@mikro-orm/migrations';

// Each product's stock flag and price range per currency, kept up to date by the stock, price and
// catalog handlers, so a list checks one row per candidate instead of its variants and their
// prices: "similar" 113 ms -> a few ms at 20,000 products (ADR 0067).
export class Migration20261226000001_product_facts extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table recommendation.products add column in_stock boolean not null default false');
    this.addSql(`update recommendation.products p set in_stock = exists (select 1 from recommendation.variants v
      where v.product_id = p.product_id and v.in_stock)`);
    this.addSql(`create table recommendation.product_prices (
      product_id uuid not null,
      currency varchar(3) not null,
      lo integer not null,
      hi integer not null,
      primary key (product_id, currency))`);
    this.addSql(`insert into recommendation.product_prices (product_id, currency, lo, hi)
      select v.product_id, pr.currency, min(pr.amount), max(pr.amount) from recommendation.prices pr
      join recommendation.variants v on v.variant_id = pr.variant_id
      where v.product_id is not null and pr.amount is not null group by v.product_id, pr.currency`);
  }
}
