import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { idReference, timestamps, uuidv7Id } from '../../../platform/db/index.ts';
import { Product } from './product.entity.ts';

/** One buyable combination of option values, with its own SKU; prices and stock hang off its id. */
export const Variant = defineEntity({
  name: 'Variant',
  schema: 'product',
  tableName: 'variants',
  properties: {
    id: uuidv7Id(),
    productId: () => idReference(Product, 'product_id', 'variants_product_id_fkey', 'cascade'),
    sku: p.string().length(100).unique('variants_sku_key'),
    title: p.string().length(300),
    options: p.json<Record<string, string>>().default('{}'),
    weightGrams: p.integer().nullable(),
    position: p.integer().default(0),
    ...timestamps(),
  },
  indexes: [{ name: 'variants_product_idx', properties: ['productId', 'position'] }],
  checks: [{ name: 'variants_weight_grams_check', expression: 'weight_grams >= 0' }],
});
export type Variant = InferEntity<typeof Variant>;
