import { Migration } from '@mikro-orm/migrations';

export class Migration20261225000001_prices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table recommendation.prices (
      variant_id uuid not null,
      currency varchar(3) not null,
      amount integer,
      sequence integer not null,
      primary key (variant_id, currency))`);
  }
}
