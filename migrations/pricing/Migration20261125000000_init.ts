import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000000_init extends Migration {
  override async up(): Promise<void> {
    // Currencies pricing sells in and whether their prices include tax. Prices reference it, so a
    // new currency is a row here (and a literal in contract.ts), never a free-text value.
    this.addSql(`create table pricing.currency_settings (
      currency char(3) primary key,
      tax_inclusive boolean not null,
      updated_at timestamptz not null default now())`);
    this.addSql(`insert into pricing.currency_settings (currency, tax_inclusive) values
      ('EUR', true), ('USD', false), ('GBP', true), ('JPY', true)`);

    // Projection of the product module's catalog: only what pricing needs (ids, categories).
    // products keeps the snapshot version (and a tombstone), so older snapshots are ignored.
    this.addSql(`create table pricing.products (
      product_id uuid primary key,
      version integer not null,
      deleted boolean not null default false,
      category_ids jsonb not null default '[]',
      collection_ids jsonb not null default '[]',
      updated_at timestamptz not null default now())`);
    this.addSql(`create table pricing.variants (
      variant_id uuid primary key,
      product_id uuid not null,
      sku text not null,
      title text not null,
      category_ids jsonb not null default '[]',
      updated_at timestamptz not null default now())`);
    this.addSql('create index variants_product_idx on pricing.variants (product_id)');

    this.addSql(`create table pricing.prices (
      variant_id uuid not null,
      currency char(3) not null references pricing.currency_settings (currency),
      amount integer not null check (amount between 0 and 1000000000),
      updated_at timestamptz not null default now(),
      primary key (variant_id, currency))`);

    // The last pricing.price_changed published per (variant, currency): its sequence counter, and
    // what lets a recomputation publish only when the shelf price really changed.
    this.addSql(`create table pricing.published_prices (
      variant_id uuid not null,
      currency char(3) not null,
      amount integer,
      original_amount integer,
      tax_inclusive boolean not null,
      sequence integer not null check (sequence >= 1),
      published_at timestamptz not null default now(),
      primary key (variant_id, currency))`);

    this.addSql(`create table pricing.customer_groups (
      id uuid primary key,
      name varchar(200) not null,
      description varchar(2000),
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql('create unique index customer_groups_name_key on pricing.customer_groups (lower(name))');
    this.addSql(`create table pricing.customer_group_members (
      group_id uuid not null references pricing.customer_groups (id) on delete cascade,
      customer_id uuid not null,
      added_at timestamptz not null default now(),
      primary key (group_id, customer_id))`);
    this.addSql('create index customer_group_members_customer_idx on pricing.customer_group_members (customer_id)');

    // A deleted group must not silently turn its price lists public: restrict.
    this.addSql(`create table pricing.price_lists (
      id uuid primary key,
      name varchar(200) not null,
      description varchar(2000),
      customer_group_id uuid references pricing.customer_groups (id) on delete restrict,
      starts_at timestamptz,
      ends_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (starts_at is null or ends_at is null or starts_at < ends_at))`);
    this.addSql('create index price_lists_group_idx on pricing.price_lists (customer_group_id)');
    this.addSql(`create table pricing.price_list_prices (
      price_list_id uuid not null references pricing.price_lists (id) on delete cascade,
      variant_id uuid not null,
      currency char(3) not null references pricing.currency_settings (currency),
      amount integer not null check (amount between 0 and 1000000000),
      primary key (price_list_id, variant_id, currency))`);
    this.addSql('create index price_list_prices_variant_idx on pricing.price_list_prices (variant_id, currency)');

    this.addSql(`create table pricing.promotions (
      id uuid primary key,
      name varchar(200) not null,
      description varchar(2000),
      code varchar(40),
      kind text not null check (kind in ('percentage', 'fixed')),
      percent_bps integer check (percent_bps between 1 and 10000),
      amounts jsonb not null default '{}',
      product_ids jsonb not null default '[]',
      category_ids jsonb not null default '[]',
      min_subtotal jsonb not null default '{}',
      starts_at timestamptz,
      ends_at timestamptz,
      usage_limit integer check (usage_limit >= 1),
      once_per_customer boolean not null default false,
      usage_count integer not null default 0 check (usage_count >= 0),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (starts_at is null or ends_at is null or starts_at < ends_at),
      check ((kind = 'percentage') = (percent_bps is not null)))`);
    // Codes are unique case-insensitively: SUMMER10 and summer10 are one code.
    this.addSql('create unique index promotions_code_key on pricing.promotions (lower(code)) where code is not null');
    this.addSql('create index promotions_automatic_idx on pricing.promotions (id) where code is null');

    // One row per (promotion, order). once_key is the customer id when the promotion is
    // once-per-customer (null otherwise), so the unique index is what enforces "once".
    this.addSql(`create table pricing.promotion_redemptions (
      id uuid primary key,
      promotion_id uuid not null references pricing.promotions (id) on delete cascade,
      order_id uuid not null,
      customer_id uuid,
      once_key uuid,
      currency char(3) not null,
      amount bigint not null check (amount >= 0),
      created_at timestamptz not null default now(),
      constraint promotion_redemptions_order_key unique (promotion_id, order_id),
      constraint promotion_redemptions_once_key unique (promotion_id, once_key))`);
    this.addSql('create index promotion_redemptions_order_idx on pricing.promotion_redemptions (order_id)');

    // Rates in parts per million: 19 % = 190000, New York's 8.875 % = 88750 (basis points with two decimals).
    this.addSql(`create table pricing.tax_rates (
      country_code char(2) primary key check (country_code ~ '^[A-Z]{2}$'),
      name varchar(100),
      rate_ppm integer not null check (rate_ppm between 0 and 1000000),
      updated_at timestamptz not null default now())`);
  }

  override async down(): Promise<void> {
    for (const t of [
      'tax_rates',
      'promotion_redemptions',
      'promotions',
      'price_list_prices',
      'price_lists',
      'customer_group_members',
      'customer_groups',
      'published_prices',
      'prices',
      'variants',
      'products',
      'currency_settings',
    ]) {
      this.addSql(`drop table pricing.${t}`);
    }
  }
}
