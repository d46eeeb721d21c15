import { Migration } from '@mikro-orm/migrations';

/** Staff's search vocabulary rules: synonym groups and stop words (one row; see docs/adr/0090). */
export class Migration20261228000000_search_settings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table product.search_settings (
      id boolean primary key default true check (id),
      synonyms jsonb not null default '[]',
      stop_words jsonb not null default '[]',
      updated_at timestamptz not null default now())`);
    this.addSql('insert into product.search_settings (id) values (true)');
    // Search documents now hold the names of parent categories too: the next reconciliation
    // (scheduled, or POST /admin/search/reconcile) rebuilds every document.
    this.addSql('update product.products set indexed_version = 0');
  }
}
