import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../../platform/ids.ts';
import { Product } from './product.entity.ts';

/** A picture of a product, in gallery order. */
export const ProductImage = defineEntity({
  name: 'ProductImage',
  schema: 'product',
  tableName: 'images',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    productId: () =>
      p
        .manyToOne(Product)
        .mapToPk()
        .fieldName('product_id')
        .foreignKeyName('images_product_id_fkey')
        .deleteRule('cascade')
        .updateRule('no action'),
    url: p.text(),
    alt: p.string().length(300).default(''),
    position: p.integer().default(0),
  },
  indexes: [{ name: 'images_product_idx', properties: ['productId', 'position'] }],
});
export type ProductImage = InferEntity<typeof ProductImage>;
