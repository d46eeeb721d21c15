import { Migration } from '@mikro-orm/migrations';

export class Migration20261220000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table review.reviews (
      id uuid primary key,
      product_id uuid not null,
      customer_id uuid not null,
      author_name varchar(64) not null,
      rating smallint not null,
      title varchar(150) not null,
      body text not null,
      photos jsonb not null,
      status text not null check (status in ('pending', 'published', 'rejected')),
      reject_reason text,
      reply text,
      replied_at timestamptz,
      helpful_count integer not null default 0,
      report_count integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      published_at timestamptz,
      constraint reviews_rating_check check (rating >= 1 and rating <= 5),
      constraint reviews_rejected_has_reason check ((status = 'rejected') = (reject_reason is not null)))`);
    // One review per customer and product: a second submission updates the first.
    this.addSql(
      'alter table review.reviews add constraint reviews_customer_product_key unique (customer_id, product_id)',
    );
    // The storefront pages published reviews of one product in three orders, each by keyset.
    this.addSql(
      "create index reviews_published_newest_idx on review.reviews (product_id, id desc) where status = 'published'",
    );
    this.addSql(
      "create index reviews_published_helpful_idx on review.reviews (product_id, helpful_count desc, id desc) where status = 'published'",
    );
    this.addSql(
      "create index reviews_published_rating_idx on review.reviews (product_id, rating, id desc) where status = 'published'",
    );
    this.addSql('create index reviews_status_idx on review.reviews (status, id desc)');

    this.addSql(`create table review.helpful_votes (
      review_id uuid not null,
      customer_id uuid not null,
      voted_at timestamptz not null default now(),
      primary key (review_id, customer_id))`);
    this.addSql(`create table review.abuse_reports (
      review_id uuid not null,
      customer_id uuid not null,
      reason text not null check (reason in ('spam', 'offensive', 'off_topic', 'fake', 'other')),
      note text,
      reported_at timestamptz not null default now(),
      primary key (review_id, customer_id))`);
    this.addSql(`create table review.ratings (
      product_id uuid primary key,
      version integer not null,
      count integer not null default 0,
      sum integer not null default 0,
      distribution jsonb not null,
      updated_at timestamptz not null default now())`);

    this.addSql(`create table review.purchased_variants (
      order_id uuid not null,
      variant_id uuid not null,
      customer_id uuid not null,
      primary key (order_id, variant_id))`);
    this.addSql('create index purchased_variants_customer_idx on review.purchased_variants (customer_id)');
    this.addSql(`create table review.delivered_orders (
      order_id uuid primary key,
      delivered_at timestamptz not null)`);
    this.addSql(`create table review.catalog_variants (
      variant_id uuid primary key,
      product_id uuid not null)`);
    this.addSql('create index catalog_variants_product_idx on review.catalog_variants (product_id)');
  }
}
