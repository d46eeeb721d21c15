import { Migration } from '@mikro-orm/migrations';

/** Each product's rating as the review module last published it (review.rating_changed.v1). */
export class Migration20261220000000_rating extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table product.products
      add column rating_average double precision not null default 0,
      add column rating_count integer not null default 0,
      add column rating_version integer not null default 0`);
    // sort=rating pages published products by (average, id) like the other sorts.
    this.addSql(
      "create index products_rating_idx on product.products (rating_average desc, id desc) where status = 'published'",
    );
  }
}
