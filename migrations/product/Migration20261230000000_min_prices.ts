import { Migration } from '@mikro-orm/migrations';

/**
 * Each product's cheapest price per currency it is listed in (docs/adr/0096): a search reads its
 * matches, their price facet and filter, and whether they are listed in the currency, from
 * `products` alone, without a listing_prices lookup per match.
 */
export class Migration20261230000000_min_prices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table product.products add column min_prices jsonb not null default '{}'`);
    this.addSql(`update product.products p set min_prices = coalesce(
      (select jsonb_object_agg(lp.currency, lp.min_amount) from product.listing_prices lp where lp.product_id = p.id), '{}')`);
  }
}
