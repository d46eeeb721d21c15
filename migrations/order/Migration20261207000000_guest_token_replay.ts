import { Migration } from '@mikro-orm/migrations';

export class Migration20261207000000_guest_token_replay extends Migration {
  override async up(): Promise<void> {
    // A replayed guest checkout answers its guest token again (sealed with the Idempotency-Key).
    this.addSql(`alter table "order".idempotency_keys add column guest_token_sealed text null`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "order".idempotency_keys drop column guest_token_sealed`);
  }
}
