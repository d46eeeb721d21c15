import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { idReference } from '../../../platform/db/index.ts';
import { Product } from './product.entity.ts';
import { Category } from './category.entity.ts';

/** A product filed under a category (a product may sit in several). */
export const ProductCategory = defineEntity({
  name: 'ProductCategory',
  schema: 'product',
  tableName: 'product_categories',
  properties: {
    productId: () => idReference(Product, 'product_id', 'product_categories_product_id_fkey', 'cascade').primary(),
    categoryId: () => idReference(Category, 'category_id', 'product_categories_category_id_fkey', 'restrict').primary(),
  },
  indexes: [{ name: 'product_categories_category_idx', properties: ['categoryId'] }],
});
export type ProductCategory = InferEntity<typeof ProductCategory>;
