import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

// What may be recommended, projected from product and inventory events.

/** A product as last announced (product.created/updated/deleted.v1); `version` orders the events. */
export const RecProduct = defineEntity({
  name: 'RecProduct',
  schema: 'recommendation',
  tableName: 'products',
  properties: {
    productId: p.uuid().primary(),
    version: p.integer(),
    published: p.boolean(),
    deleted: p.boolean().default(false),
    /** Whether any of its variants is in stock (entities/product-facts.ts keeps it). */
    inStock: p.boolean().default(false),
    categoryIds: p.json<string[]>(),
    /** Every variant option as "name=value", for "similar products". */
    options: p.json<string[]>(),
  },
  indexes: [
    {
      name: 'products_categories_idx',
      expression:
        'create index products_categories_idx on recommendation.products using gin (category_ids jsonb_path_ops)',
    },
  ],
});
export type RecProduct = InferEntity<typeof RecProduct>;

/** A variant, its product and its stock (inventory.stock_changed.v1); unknown stock counts as out. */
export const RecVariant = defineEntity({
  name: 'RecVariant',
  schema: 'recommendation',
  tableName: 'variants',
  properties: {
    variantId: p.uuid().primary(),
    productId: p.uuid().nullable().index('variants_product_idx'),
    inStock: p.boolean().default(false),
    stockSequence: p.integer().default(0),
  },
});
export type RecVariant = InferEntity<typeof RecVariant>;

/** A variant's shelf price in a currency (pricing.price_changed.v1), for the "similar" price band. */
export const RecPrice = defineEntity({
  name: 'RecPrice',
  schema: 'recommendation',
  tableName: 'prices',
  properties: {
    variantId: p.uuid().primary(),
    currency: p.string().length(3).primary(),
    amount: p.integer().nullable(),
    sequence: p.integer(),
  },
});
export type RecPrice = InferEntity<typeof RecPrice>;

/** A product's lowest and highest variant price in a currency (entities/product-facts.ts keeps it). */
export const RecProductPrice = defineEntity({
  name: 'RecProductPrice',
  schema: 'recommendation',
  tableName: 'product_prices',
  properties: {
    productId: p.uuid().primary(),
    currency: p.string().length(3).primary(),
    lo: p.integer(),
    hi: p.integer(),
  },
});
export type RecProductPrice = InferEntity<typeof RecProductPrice>;
