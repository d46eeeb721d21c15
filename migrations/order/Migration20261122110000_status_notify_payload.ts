import { Migration } from '@mikro-orm/migrations';

export class Migration20261122110000_status_notify_payload extends Migration {
  override async up(): Promise<void> {
    // The notification carries the new status and whether a client secret is there (`id:status:0|1`),
    // so a waiting checkout re-reads the order only when it has settled, not on every step.
    this.addSql(`create or replace function "order".notify_order_settled() returns trigger language plpgsql as $$
      begin
        perform pg_notify('order_status', new.id::text || ':' || new.status || ':' || (new.client_secret is not null)::int);
        return null;
      end $$`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace function "order".notify_order_settled() returns trigger language plpgsql as $$
      begin
        perform pg_notify('order_status', new.id::text);
        return null;
      end $$`);
  }
}
