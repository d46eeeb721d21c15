import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../platform/ids.ts';

/** A sellable thing; shoppers see it once published. `version` orders the events about it. */
export const Product = defineEntity({
  name: 'Product',
  schema: 'product',
  tableName: 'products',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    handle: p.string().unique(),
    title: p.string(),
    subtitle: p.string().nullable(),
    description: p.text().nullable(),
    status: p.enum(['draft', 'published'] as const).default('draft'),
    thumbnail: p.text().nullable(),
    version: p.integer().default(1),
    inStock: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Product = InferEntity<typeof Product>;
