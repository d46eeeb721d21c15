import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { timestamps, uuidv7Id } from '../../../platform/db/index.ts';

/** A sellable thing; shoppers see it once published. `version` orders the events about it. */
export const Product = defineEntity({
  name: 'Product',
  schema: 'product',
  tableName: 'products',
  properties: {
    id: uuidv7Id(),
    handle: p.string().length(200).unique('products_handle_key'),
    title: p.string().length(300),
    subtitle: p.string().length(300).nullable(),
    description: p.text().nullable(),
    status: p.enum(['draft', 'published'] as const).default('draft'),
    thumbnail: p.text().nullable(),
    version: p.integer().default(1),
    /** The full-text document listings search; rebuilt with the read models. */
    search: p.string().columnType('tsvector').nullable().lazy(),
    /** The version `search` was built from: reconciliation finds drift by it. */
    indexedVersion: p.integer().default(0),
    inStock: p.boolean().default(false),
    /** The categories it is linked to (product_categories), kept with the read models for listings and facets. */
    categoryIds: p.array().columnType('uuid[]').default([]),
    /**
     * Its cheapest variant price per currency it is listed in (listing_prices.min_amount), kept
     * with the read models and the price projection, so a search reads its matches from this table alone.
     */
    minPrices: p.json<Record<string, number>>().columnType('jsonb').default('{}'),
    /** The rating the review module last published (review.rating_changed.v1), and its version. */
    ratingAverage: p.double().default(0),
    ratingCount: p.integer().default(0),
    ratingVersion: p.integer().default(0),
    ...timestamps(),
  },
  indexes: [
    {
      name: 'products_published_idx',
      expression: "create index products_published_idx on product.products (id desc) where status = 'published'",
    },
    { name: 'products_search_idx', properties: ['search'], type: 'gin' },
    {
      name: 'products_title_trgm_idx',
      expression:
        'create index products_title_trgm_idx on product.products using gin (lower(title) public.gin_trgm_ops)',
    },
    {
      name: 'products_rating_idx',
      expression:
        "create index products_rating_idx on product.products (rating_average desc, id desc) where status = 'published'",
    },
    {
      name: 'products_title_idx',
      expression: 'create index products_title_idx on product.products (lower(title), id)',
    },
  ],
});
export type Product = InferEntity<typeof Product>;
