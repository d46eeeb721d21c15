import { Migration } from '@mikro-orm/migrations';
import { v7 as uuidv7 } from 'uuid';

const SEED_COUNTRIES = ['AT', 'BE', 'DE', 'DK', 'ES', 'FR', 'GB', 'IE', 'IT', 'NL', 'US'];

export class Migration20261205000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table shipping.options (
      id uuid primary key,
      code varchar(64) not null,
      name varchar(200) not null,
      active boolean not null default true,
      countries text[] not null constraint options_countries_not_empty check (cardinality(countries) > 0),
      rates jsonb not null constraint options_rates_is_array check (jsonb_typeof(rates) = 'array'),
      tracking_url_template varchar(500),
      version integer not null default 1 check (version >= 1),
      published_version integer not null default 0 check (published_version >= 0 and published_version <= version),
      retired_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint options_retired_inactive check (retired_at is null or not active))`);
    // A retired option's code may be given to a new one; among live options it is unique.
    this.addSql('create unique index options_code_key on shipping.options (code) where retired_at is null');

    this.addSql(`create table shipping.shipments (
      id uuid primary key,
      order_id uuid not null,
      display_id varchar(64) not null,
      customer_id uuid,
      email text not null,
      status text not null check (status in ('pending', 'shipped', 'delivered', 'canceled')),
      option_id uuid not null,
      option_code varchar(64),
      option_name varchar(200),
      address jsonb not null,
      lines jsonb not null,
      carrier varchar(32),
      tracking_number varchar(64),
      tracking_url text,
      cancel_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      shipped_at timestamptz,
      delivered_at timestamptz,
      canceled_at timestamptz,
      constraint shipments_tracked_once_shipped check (
        status not in ('shipped', 'delivered') or (carrier is not null and tracking_number is not null and tracking_url is not null and shipped_at is not null)),
      constraint shipments_delivered_at check ((status = 'delivered') = (delivered_at is not null)),
      constraint shipments_canceled_at check ((status = 'canceled') = (canceled_at is not null)))`);
    // One shipment per order: a redelivered (or re-sent) order.confirmed finds it and makes no second one.
    this.addSql('create unique index shipments_order_key on shipping.shipments (order_id)');
    this.addSql('create index shipments_status_idx on shipping.shipments (status, id desc)');

    // Orders canceled before their order.confirmed was handled here (the two travel on separate
    // queues): a late confirmation must not create a shipment for them.
    this.addSql(`create table shipping.canceled_orders (
      order_id uuid primary key,
      reason text not null,
      canceled_at timestamptz not null default now())`);

    // Two options to start selling with. A migration cannot publish; the module publishes every
    // option whose published_version lags its version when it starts.
    const seed = (code: string, name: string, rates: object[]) =>
      this.addSql(`insert into shipping.options (id, code, name, countries, rates, version, published_version)
        values ('${uuidv7()}', '${code}', '${name}', '{${SEED_COUNTRIES.join(',')}}', '${JSON.stringify(rates)}'::jsonb, 1, 0)`);
    seed('standard', 'Standard (3-5 business days)', [
      { currency: 'EUR', kind: 'flat', amount: 495, perKgAmount: 0, freeAbove: 5000 },
      { currency: 'GBP', kind: 'flat', amount: 450, perKgAmount: 0, freeAbove: 4500 },
      { currency: 'USD', kind: 'flat', amount: 595, perKgAmount: 0, freeAbove: 5000 },
    ]);
    seed('express', 'Express (1-2 business days)', [
      { currency: 'EUR', kind: 'by_weight', amount: 995, perKgAmount: 200, freeAbove: null },
      { currency: 'GBP', kind: 'by_weight', amount: 895, perKgAmount: 200, freeAbove: null },
      { currency: 'USD', kind: 'by_weight', amount: 1195, perKgAmount: 250, freeAbove: null },
    ]);
  }

  override async down(): Promise<void> {
    for (const t of ['canceled_orders', 'shipments', 'options']) this.addSql(`drop table shipping.${t}`);
  }
}
