import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../platform/ids.ts';

/** An axis a product varies along (size, colour) and its allowed values. */
export const ProductOption = defineEntity({
  name: 'ProductOption',
  schema: 'product',
  tableName: 'product_options',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    productId: p.uuid(),
    name: p.string(),
    values: p.array(),
    position: p.integer().default(0),
  },
});
export type ProductOption = InferEntity<typeof ProductOption>;
