import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { idReference, uuidv7Id } from '../../../platform/db/index.ts';
import { Product } from './product.entity.ts';

/** An axis a product varies along (size, colour) and its allowed values. */
export const ProductOption = defineEntity({
  name: 'ProductOption',
  schema: 'product',
  tableName: 'product_options',
  properties: {
    id: uuidv7Id(),
    productId: () => idReference(Product, 'product_id', 'product_options_product_id_fkey', 'cascade'),
    name: p.string().length(100),
    values: p.array().columnType('text[]'),
    position: p.integer().default(0),
  },
  uniques: [{ name: 'product_options_product_id_name_key', properties: ['productId', 'name'] }],
});
export type ProductOption = InferEntity<typeof ProductOption>;
