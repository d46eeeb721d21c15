import { Migration } from '@mikro-orm/migrations';

export class Migration20261122093000_promotion_codes extends Migration {
  override async up(): Promise<void> {
    // Promotion codes as pricing publishes them, so a cart accepts or refuses a code when it is entered.
    this.addSql(`create table "order".promotion_codes (
      code text primary key, promotion_id uuid not null, name text not null, active boolean not null,
      starts_at timestamptz, ends_at timestamptz, once_per_customer boolean not null, min_subtotal jsonb not null, version bigint not null)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table "order".promotion_codes');
  }
}
