import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { idReference, timestamps } from '../../../platform/db/index.ts';

/** A node of the category tree; `path` lists the ids from the root, so a subtree is a prefix. */
export const Category = defineEntity({
  name: 'Category',
  schema: 'product',
  tableName: 'categories',
  properties: {
    id: p.uuid().primary(),
    parentId: () => idReference(Category, 'parent_id', 'categories_parent_id_fkey', 'restrict').nullable(),
    name: p.string().length(200),
    handle: p.string().length(200).unique('categories_handle_key'),
    description: p.text().nullable(),
    position: p.integer().default(0),
    path: p.text(),
    ...timestamps(),
  },
  indexes: [
    {
      name: 'categories_path_idx',
      expression: 'create index categories_path_idx on product.categories (path text_pattern_ops)',
    },
  ],
});
export type Category = InferEntity<typeof Category>;
