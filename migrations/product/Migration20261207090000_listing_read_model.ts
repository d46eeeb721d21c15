import { Migration } from '@mikro-orm/migrations';

/**
 * The listing read model (docs/adr/0092): each listing row (product x currency) carries its
 * variants with their price in that currency and stock, and each product its category ids, so a
 * listing page or a search reads them from one row instead of a subquery per product.
 */
export class Migration20261207090000_listing_read_model extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table product.listing_prices add column variants jsonb not null default '[]'`);
    this.addSql(`alter table product.products add column category_ids uuid[] not null default '{}'`);
    this.addSql(`update product.products p set category_ids = coalesce(
      (select array_agg(pc.category_id order by pc.category_id) from product.product_categories pc where pc.product_id = p.id), '{}')`);
    this.addSql(`update product.listing_prices lp set variants = coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options,
        'amount', vp.amount, 'originalAmount', vp.original_amount, 'taxInclusive', vp.tax_inclusive,
        'inStock', coalesce(vs.in_stock, false)) order by v.position, v.id)
      from product.variants v
      left join product.variant_prices vp on vp.variant_id = v.id and vp.currency = lp.currency
      left join product.variant_stock vs on vs.variant_id = v.id
      where v.product_id = lp.product_id), '[]')`);
    // The newest-first listing in a currency walks this index and stops after a page.
    this.addSql('create index listing_prices_newest_idx on product.listing_prices (currency, product_id desc)');
  }
}
