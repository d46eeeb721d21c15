import { Migration } from '@mikro-orm/migrations';

export class Migration20261230000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table analytics.facts (
      event_id uuid primary key,
      kind varchar(255) not null,
      occurred_at timestamptz not null,
      order_id uuid null,
      currency varchar(3) null,
      amount bigint not null)`);
    this.addSql(`create table analytics.sales_hourly (
      hour timestamptz not null,
      currency varchar(3) not null,
      orders integer not null default 0,
      revenue bigint not null,
      refunds integer not null default 0,
      refunded bigint not null,
      primary key (hour, currency))`);
  }
}
