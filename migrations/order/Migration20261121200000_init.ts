import { Migration } from '@mikro-orm/migrations';

export class Migration20261121200000_init extends Migration {
  override async up(): Promise<void> {
    // Projections the carts price from (fed by product, pricing, inventory and shipping events).
    this.addSql(`create table "order".variants (
      variant_id uuid primary key, product_id uuid not null, sku text not null, title text not null,
      weight_grams integer, sellable boolean not null, product_version integer not null)`);
    this.addSql('create index variants_product_idx on "order".variants (product_id)');
    this.addSql(`create table "order".variant_prices (
      variant_id uuid not null, currency char(3) not null, amount bigint, sequence bigint not null, primary key (variant_id, currency))`);
    this.addSql(
      `create table "order".variant_stock (variant_id uuid primary key, available integer not null, sequence bigint not null)`,
    );
    this.addSql(
      `create table "order".shipping_options (option_id uuid primary key, version integer not null, snapshot jsonb not null)`,
    );

    this.addSql(`create table "order".carts (
      id uuid primary key, customer_id uuid, currency char(3) not null, email varchar(254),
      promotion_code varchar(40), shipping_option_id uuid, country_code char(2),
      status text not null default 'active' check (status in ('active', 'converted', 'merged')),
      created_at timestamptz not null, updated_at timestamptz not null)`);
    this.addSql(`create index carts_customer_idx on "order".carts (customer_id) where status = 'active'`);
    this.addSql(`create table "order".cart_lines (
      id uuid primary key, cart_id uuid not null references "order".carts(id) on delete cascade,
      variant_id uuid not null, quantity integer not null check (quantity between 1 and 1000),
      created_at timestamptz not null, unique (cart_id, variant_id))`);

    this.addSql(`create sequence "order".display_id_seq start 1001`);
    this.addSql(`create table "order".orders (
      id uuid primary key, display_id text not null unique, cart_id uuid not null, customer_id uuid, email varchar(254) not null,
      currency char(3) not null,
      status text not null check (status in ('pending', 'awaiting_payment', 'confirmed', 'fulfilled', 'canceled')),
      lines jsonb not null, totals jsonb, shipping_address jsonb not null, shipping_option_id uuid not null, shipping_amount bigint not null,
      promotion_code varchar(40), payment_method jsonb not null,
      priced boolean not null default false, reservation_id uuid, payment_id uuid, client_secret text,
      refunded_amount bigint not null default 0, cancel_reason text, guest_token_hash varchar(64),
      created_at timestamptz not null, updated_at timestamptz not null, confirmed_at timestamptz, canceled_at timestamptz, fulfilled_at timestamptz)`);
    this.addSql('create index orders_customer_idx on "order".orders (customer_id, id desc)');
    this.addSql('create index orders_status_idx on "order".orders (status, id desc)');
    // One checkout per Idempotency-Key: the same key returns the same order, another body is refused.
    this.addSql(`create table "order".idempotency_keys (
      key varchar(200) primary key, cart_id uuid not null, request_hash varchar(64) not null, order_id uuid not null, created_at timestamptz not null)`);
  }
}
