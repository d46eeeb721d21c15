import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { idReference } from '../../../platform/db/index.ts';
import { Product } from './product.entity.ts';
import { Collection } from './collection.entity.ts';

/** A product shown in a collection. */
export const ProductCollection = defineEntity({
  name: 'ProductCollection',
  schema: 'product',
  tableName: 'product_collections',
  properties: {
    productId: () => idReference(Product, 'product_id', 'product_collections_product_id_fkey', 'cascade').primary(),
    collectionId: () =>
      idReference(Collection, 'collection_id', 'product_collections_collection_id_fkey', 'restrict').primary(),
  },
  indexes: [{ name: 'product_collections_collection_idx', properties: ['collectionId'] }],
});
export type ProductCollection = InferEntity<typeof ProductCollection>;
