import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Product } from './product.entity.ts';
import { Collection } from './collection.entity.ts';

/** A product shown in a collection. */
export const ProductCollection = defineEntity({
  name: 'ProductCollection',
  schema: 'product',
  tableName: 'product_collections',
  properties: {
    productId: () =>
      p
        .manyToOne(Product)
        .mapToPk()
        .primary()
        .fieldName('product_id')
        .foreignKeyName('product_collections_product_id_fkey')
        .deleteRule('cascade')
        .updateRule('no action'),
    collectionId: () =>
      p
        .manyToOne(Collection)
        .mapToPk()
        .primary()
        .fieldName('collection_id')
        .foreignKeyName('product_collections_collection_id_fkey')
        .deleteRule('restrict')
        .updateRule('no action'),
  },
  indexes: [{ name: 'product_collections_collection_idx', properties: ['collectionId'] }],
});
export type ProductCollection = InferEntity<typeof ProductCollection>;
