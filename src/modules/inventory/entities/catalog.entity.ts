import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { nowOnCreate, nowOnWrite } from '../../../platform/db/index.ts';

/**
 * The product module's products as inventory knows them: the newest snapshot version applied, and
 * a tombstone once deleted, so a late older snapshot changes nothing.
 */
export const InventoryProduct = defineEntity({
  name: 'InventoryProduct',
  schema: 'inventory',
  tableName: 'products',
  checks: [{ name: 'products_version_check', expression: 'version >= 1' }],
  properties: {
    productId: p.uuid().primary(),
    version: p.integer(),
    deletedAt: p.datetime().nullable(),
    updatedAt: nowOnCreate(),
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
  indexes: [{ name: 'variants_product_idx', properties: ['productId'] }],
  checks: [{ name: 'variants_sequence_check', expression: 'sequence >= 0' }],
  properties: {
    variantId: p.uuid().primary(),
    productId: p.uuid(),
    sku: p.text(),
    title: p.text(),
    sequence: p.integer().default(0),
    deletedAt: p.datetime().nullable(),
    createdAt: nowOnCreate(),
    updatedAt: nowOnWrite(),
  },
});
export type InventoryVariant = InferEntity<typeof InventoryVariant>;
