import { Migration } from '@mikro-orm/migrations';

/** Staff's search vocabulary rules: synonym groups and stop words (one row; see docs/adr/0090). */
export class Migration20261228000000_search_settings extends Migration {
  override async up(): Promise<void> {
    // (one row, id true: entities/search-settings.entity.ts)
    this.addSql(`create table product.search_settings (
      id boolean primary key,
      synonyms jsonb not null,
      stop_words jsonb not null,
      updated_at timestamptz not null)`);
    // Search documents now hold the names of parent categories too: the next reconciliation
    // (scheduled, or POST /admin/search/reconcile) rebuilds every document.
    this.addSql('update product.products set indexed_version = 0');
  }
}
