import { Migration } from '@mikro-orm/migrations';

export class Migration20261122090000_status_notify extends Migration {
  override async up(): Promise<void> {
    // A status change (or a client secret handed over) wakes the checkout request waiting on it
    // (Prefer: wait), in whichever process it runs; sent on commit, so never for a rolled-back change.
    this.addSql(`create function "order".notify_order_settled() returns trigger language plpgsql as $$
      begin
        perform pg_notify('order_status', new.id::text);
        return null;
      end $$`);
    this.addSql(`create trigger orders_status_notify after update of status, client_secret on "order".orders
      for each row when (old.status is distinct from new.status or old.client_secret is distinct from new.client_secret)
      execute function "order".notify_order_settled()`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger orders_status_notify on "order".orders');
    this.addSql('drop function "order".notify_order_settled()');
  }
}
