import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Product } from './product.entity.ts';
import { Category } from './category.entity.ts';

/** A product filed under a category (a product may sit in several). */
export const ProductCategory = defineEntity({
  name: 'ProductCategory',
  schema: 'product',
  tableName: 'product_categories',
  properties: {
    productId: () =>
      p
        .manyToOne(Product)
        .mapToPk()
        .primary()
        .fieldName('product_id')
        .foreignKeyName('product_categories_product_id_fkey')
        .deleteRule('cascade')
        .updateRule('no action'),
    categoryId: () =>
      p
        .manyToOne(Category)
        .mapToPk()
        .primary()
        .fieldName('category_id')
        .foreignKeyName('product_categories_category_id_fkey')
        .deleteRule('restrict')
        .updateRule('no action'),
  },
  indexes: [{ name: 'product_categories_category_idx', properties: ['categoryId'] }],
});
export type ProductCategory = InferEntity<typeof ProductCategory>;
