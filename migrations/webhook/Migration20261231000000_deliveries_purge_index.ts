import { Migration } from '@mikro-orm/migrations';

// The hourly purge looks for finished deliveries last touched before the cut-off (status <>
// 'pending' and updated_at < $1, a batch at a time): a partial index on exactly that predicate
// finds them without reading the whole log, and leaves pending rows (the hot ones) out of it.
// Figures: ADR 0089.
export class Migration20261231000000_deliveries_purge_index extends Migration {
  override async up(): Promise<void> {
    this.addSql("create index deliveries_purge_idx on webhook.deliveries (updated_at) where status <> 'pending'");
  }

  override async down(): Promise<void> {
    this.addSql('drop index webhook.deliveries_purge_idx');
  }
}
