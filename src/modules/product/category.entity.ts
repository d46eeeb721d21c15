import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A node of the category tree; `path` lists the ids from the root, so a subtree is a prefix. */
export const Category = defineEntity({
  name: 'Category',
  schema: 'product',
  tableName: 'categories',
  properties: {
    id: p.uuid().primary(),
    parentId: p.uuid().nullable(),
    name: p.string(),
    handle: p.string().unique(),
    description: p.text().nullable(),
    position: p.integer().default(0),
    path: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Category = InferEntity<typeof Category>;
