import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The product module's products as inventory knows them: the newest snapshot version applied, and
 * a tombstone once deleted, so a late older snapshot changes nothing.
 */
export const InventoryProduct = defineEntity({
  name: 'InventoryProduct',
  schema: 'inventory',
  tableName: 'products',
  properties: {
    productId: p.uuid().primary(),
    version: p.integer(),
    deletedAt: p.datetime().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type InventoryProduct = InferEntity<typeof InventoryProduct>;

/**
 * A sellable variant (from product events). `sequence` counts the stock_changed events published
 * for it; a deleted variant is kept for its history but takes no further adjustments.
 */
export const InventoryVariant = defineEntity({
  name: 'InventoryVariant',
  schema: 'inventory',
  tableName: 'variants',
  properties: {
    variantId: p.uuid().primary(),
    productId: p.uuid().index(),
    sku: p.text(),
    title: p.text(),
    sequence: p.integer().default(0),
    deletedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type InventoryVariant = InferEntity<typeof InventoryVariant>;
