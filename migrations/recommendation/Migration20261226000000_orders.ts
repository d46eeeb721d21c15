import { Migration } from '@mikro-orm/migrations';

// Each order's standing (confirmed, canceled, refunded) and the products it was counted for, so a
// cancellation or a full refund subtracts exactly what its confirmation added, once (ADR 0068).
export class Migration20261226000000_orders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table recommendation.orders (
      order_id uuid primary key,
      confirmed boolean not null default false,
      total integer,
      refunded integer not null default 0,
      withdrawn boolean not null default false,
      counted uuid[] not null default '{}')`);
    // (orders stored before: counted for the products their variants belong to now)
    this.addSql(`insert into recommendation.orders (order_id, confirmed, counted)
      select ov.order_id, true, coalesce(array_agg(distinct v.product_id) filter (where v.product_id is not null), '{}')
      from recommendation.order_variants ov left join recommendation.variants v on v.variant_id = ov.variant_id
      group by ov.order_id`);
  }
}
