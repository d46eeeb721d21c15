import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../../platform/ids.ts';
import { Product } from './product.entity.ts';

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
    productId: () =>
      p
        .manyToOne(Product)
        .mapToPk()
        .fieldName('product_id')
        .foreignKeyName('product_options_product_id_fkey')
        .deleteRule('cascade')
        .updateRule('no action'),
    name: p.string().length(100),
    values: p.array().columnType('text[]'),
    position: p.integer().default(0),
  },
  uniques: [{ name: 'product_options_product_id_name_key', properties: ['productId', 'name'] }],
});
export type ProductOption = InferEntity<typeof ProductOption>;
