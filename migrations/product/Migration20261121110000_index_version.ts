import { Migration } from '@mikro-orm/migrations';

export class Migration20261121110000_index_version extends Migration {
  override async up(): Promise<void> {
    // The product version the search document was built from: reconciliation finds drift by it.
    this.addSql('alter table product.products add column indexed_version integer not null default 0');
  }
}
