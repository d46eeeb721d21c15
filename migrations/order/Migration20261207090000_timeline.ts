import { Migration } from '@mikro-orm/migrations';

export class Migration20261207090000_timeline extends Migration {
  override async up(): Promise<void> {
    // The order's timeline: saga events and staff actions, one row per (order, event, kind).
    this.addSql(`create table "order".timeline (
      id uuid not null primary key,
      order_id uuid not null,
      event_id uuid not null,
      kind varchar(40) not null,
      actor_id uuid null,
      details jsonb not null default '{}',
      occurred_at timestamptz not null,
      constraint timeline_event_key unique (order_id, event_id, kind))`);
    this.addSql(`create index timeline_order_idx on "order".timeline (order_id, occurred_at, id)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "order".timeline`);
  }
}
