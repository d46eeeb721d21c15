import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

// What analytics knows of the catalog, projected from product.created/updated.v1: enough to name
// a variant's product and its categories in the reports. Joined when a report is read, so an
// order heard before its product still lands on the right product once the product is heard.

export const AnalyticsProduct = defineEntity({
  name: 'AnalyticsProduct',
  schema: 'analytics',
  tableName: 'products',
  properties: {
    productId: p.uuid().primary(),
    version: p.integer(),
    title: p.text(),
    categoryIds: p.json<string[]>(),
  },
});
export type AnalyticsProduct = InferEntity<typeof AnalyticsProduct>;

export const AnalyticsVariant = defineEntity({
  name: 'AnalyticsVariant',
  schema: 'analytics',
  tableName: 'variants',
  properties: {
    variantId: p.uuid().primary(),
    productId: p.uuid(),
  },
});
export type AnalyticsVariant = InferEntity<typeof AnalyticsVariant>;
