import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../platform/ids.ts';

/** One buyable combination of option values, with its own SKU; prices and stock hang off its id. */
export const Variant = defineEntity({
  name: 'Variant',
  schema: 'product',
  tableName: 'variants',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    productId: p.uuid(),
    sku: p.string().unique(),
    title: p.string(),
    options: p.json<Record<string, string>>(),
    weightGrams: p.integer().nullable(),
    position: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Variant = InferEntity<typeof Variant>;
