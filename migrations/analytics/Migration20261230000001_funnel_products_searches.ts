import { Migration } from '@mikro-orm/migrations';

// The funnel, product, category and search reports, cancellations and captures in the sales
// report, and the sales rollups per day for each UTC offset in use (ADR 0064).
export class Migration20261230000001_funnel_products_searches extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table analytics.facts add column detail jsonb null`);
    this.addSql(`create index facts_kind_time on analytics.facts (kind, occurred_at)`);
    this.addSql(`drop table analytics.sales_hourly`);
    this.addSql(`create table analytics.sales_daily (
      offset_minutes smallint not null,
      day date not null,
      currency varchar(3) not null,
      orders integer not null default 0,
      revenue bigint not null,
      refunds integer not null default 0,
      refunded bigint not null,
      cancellations integer not null default 0,
      captured bigint not null,
      primary key (offset_minutes, day, currency))`);
    this.addSql(`create table analytics.funnel_hourly (
      hour timestamptz primary key,
      views integer not null default 0,
      carts integer not null default 0,
      adds integer not null default 0,
      checkouts integer not null default 0,
      orders integer not null default 0)`);
    this.addSql(`create table analytics.product_sales_hourly (
      hour timestamptz not null,
      currency varchar(3) not null,
      variant_id uuid not null,
      units integer not null default 0,
      revenue bigint not null,
      primary key (hour, currency, variant_id))`);
    this.addSql(`create table analytics.search_misses_hourly (
      hour timestamptz not null,
      query varchar(100) not null,
      searches integer not null default 0,
      last_seen timestamptz not null,
      primary key (hour, query))`);
    this.addSql(`create table analytics.products (
      product_id uuid primary key,
      version integer not null,
      title text not null,
      category_ids jsonb not null)`);
    this.addSql(`create table analytics.variants (
      variant_id uuid primary key,
      product_id uuid not null)`);
  }
}
