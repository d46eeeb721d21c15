import { Migration } from '@mikro-orm/migrations';

export class Migration20261121100000_catalog extends Migration {
  override async up(): Promise<void> {
    // pg_trgm is a trusted extension (PG 13+), shared by the database: typo-tolerant search.
    this.addSql('create extension if not exists pg_trgm with schema public');
    this.addSql(`create table product.categories (
      id uuid primary key,
      parent_id uuid references product.categories(id) on delete restrict,
      name varchar(200) not null,
      handle varchar(200) not null unique,
      description text,
      position integer not null default 0,
      path text not null, -- '/root-id/.../own-id/': a category and its descendants share a prefix
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql('create index categories_path_idx on product.categories (path text_pattern_ops)');
    this.addSql(`create table product.collections (
      id uuid primary key,
      handle varchar(200) not null unique,
      title varchar(200) not null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create table product.products (
      id uuid primary key,
      handle varchar(200) not null unique,
      title varchar(300) not null,
      subtitle varchar(300),
      description text,
      status text not null default 'draft' check (status in ('draft', 'published')),
      thumbnail text,
      version integer not null default 1,
      search tsvector,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql("create index products_published_idx on product.products (id desc) where status = 'published'");
    this.addSql('create index products_search_idx on product.products using gin (search)');
    this.addSql(
      'create index products_title_trgm_idx on product.products using gin (lower(title) public.gin_trgm_ops)',
    );
    this.addSql('create index products_title_idx on product.products (lower(title), id)');
    this.addSql(`create table product.product_options (
      id uuid primary key,
      product_id uuid not null references product.products(id) on delete cascade,
      name varchar(100) not null,
      "values" text[] not null,
      position integer not null default 0,
      unique (product_id, name))`);
    this.addSql(`create table product.variants (
      id uuid primary key,
      product_id uuid not null references product.products(id) on delete cascade,
      sku varchar(100) not null unique,
      title varchar(300) not null,
      options jsonb not null default '{}',
      weight_grams integer check (weight_grams >= 0),
      position integer not null default 0,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql('create index variants_product_idx on product.variants (product_id, position)');
    this.addSql(`create table product.images (
      id uuid primary key,
      product_id uuid not null references product.products(id) on delete cascade,
      url text not null,
      alt varchar(300) not null default '',
      position integer not null default 0)`);
    this.addSql('create index images_product_idx on product.images (product_id, position)');
    this.addSql(`create table product.product_categories (
      product_id uuid not null references product.products(id) on delete cascade,
      category_id uuid not null references product.categories(id) on delete restrict,
      primary key (product_id, category_id))`);
    this.addSql('create index product_categories_category_idx on product.product_categories (category_id)');
    this.addSql(`create table product.product_collections (
      product_id uuid not null references product.products(id) on delete cascade,
      collection_id uuid not null references product.collections(id) on delete restrict,
      primary key (product_id, collection_id))`);
    this.addSql('create index product_collections_collection_idx on product.product_collections (collection_id)');

    // Projections fed by pricing and inventory events (keyed by variant id, no foreign key: an
    // event may arrive before or after the variant it names).
    this.addSql(`create table product.variant_prices (
      variant_id uuid not null,
      currency char(3) not null,
      amount bigint,
      original_amount bigint,
      tax_inclusive boolean not null default true,
      sequence bigint not null,
      primary key (variant_id, currency))`);
    this.addSql(`create table product.variant_stock (
      variant_id uuid primary key,
      available integer not null,
      in_stock boolean not null,
      sequence bigint not null)`);
    // Per product and currency: the cheapest variant price (listing sort and price filter) and
    // whether any variant is in stock; maintained with the projections above.
    this.addSql(`create table product.listing_prices (
      product_id uuid not null,
      currency char(3) not null,
      min_amount bigint not null,
      max_amount bigint not null,
      primary key (product_id, currency))`);
    this.addSql('create index listing_prices_sort_idx on product.listing_prices (currency, min_amount, product_id)');
    this.addSql('alter table product.products add column in_stock boolean not null default false');
  }
}
