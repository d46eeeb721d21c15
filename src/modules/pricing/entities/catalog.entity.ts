import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Projection of a product (from the product module's events): its version and categories. */
export const CatalogProduct = defineEntity({
  name: 'PricingCatalogProduct',
  schema: 'pricing',
  tableName: 'products',
  properties: {
    productId: p.uuid().primary(),
    version: p.integer(),
    deleted: p.boolean().default(false),
    categoryIds: p.json<string[]>().defaultRaw(`'[]'`),
    collectionIds: p.json<string[]>().defaultRaw(`'[]'`),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
});
export type CatalogProduct = InferEntity<typeof CatalogProduct>;

/** Projection of a variant: what a price hangs off, and what promotions target (product, categories). */
export const CatalogVariant = defineEntity({
  name: 'PricingCatalogVariant',
  schema: 'pricing',
  tableName: 'variants',
  properties: {
    variantId: p.uuid().primary(),
    productId: p.uuid().index('variants_product_idx'),
    sku: p.text(),
    title: p.text(),
    categoryIds: p.json<string[]>().defaultRaw(`'[]'`),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
});
export type CatalogVariant = InferEntity<typeof CatalogVariant>;
