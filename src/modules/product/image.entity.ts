import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../platform/ids.ts';

export const ProductImage = defineEntity({
  name: 'ProductImage',
  schema: 'product',
  tableName: 'images',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    productId: p.uuid(),
    url: p.text(),
    alt: p.string().default(''),
    position: p.integer().default(0),
  },
});
export type ProductImage = InferEntity<typeof ProductImage>;
