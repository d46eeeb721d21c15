import { Migration } from '@mikro-orm/migrations';

export class Migration20261225000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table recommendation.products (
      product_id uuid primary key,
      version integer not null,
      published boolean not null,
      deleted boolean not null default false,
      category_ids jsonb not null,
      options jsonb not null)`);
    this.addSql(`create table recommendation.variants (
      variant_id uuid primary key,
      product_id uuid,
      in_stock boolean not null default false,
      stock_sequence integer not null default 0)`);
    this.addSql('create index variants_product_idx on recommendation.variants (product_id)');
    this.addSql(`create table recommendation.order_variants (
      order_id uuid not null,
      variant_id uuid not null,
      confirmed_at timestamptz not null,
      primary key (order_id, variant_id))`);
    this.addSql(`create table recommendation.co_purchases (
      product_id uuid not null,
      other_id uuid not null,
      orders integer not null,
      primary key (product_id, other_id))`);
    this.addSql(`create table recommendation.popularity (
      product_id uuid primary key,
      orders integer not null)`);
    this.addSql(`create table recommendation.views (
      shopper varchar(80) not null,
      product_id uuid not null,
      viewed_at timestamptz not null,
      primary key (shopper, product_id))`);
  }
}
