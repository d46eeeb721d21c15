import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { idReference, uuidv7Id } from '../../../platform/db/index.ts';
import { Product } from './product.entity.ts';

/** A picture of a product, in gallery order. */
export const ProductImage = defineEntity({
  name: 'ProductImage',
  schema: 'product',
  tableName: 'images',
  properties: {
    id: uuidv7Id(),
    productId: () => idReference(Product, 'product_id', 'images_product_id_fkey', 'cascade'),
    url: p.text(),
    alt: p.string().length(300).default(''),
    position: p.integer().default(0),
  },
  indexes: [{ name: 'images_product_idx', properties: ['productId', 'position'] }],
});
export type ProductImage = InferEntity<typeof ProductImage>;
