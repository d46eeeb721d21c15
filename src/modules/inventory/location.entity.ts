import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../platform/ids.ts';

/** A place stock is kept (a warehouse, a shop's back room). Exactly one is the default. */
export const StockLocation = defineEntity({
  name: 'StockLocation',
  schema: 'inventory',
  tableName: 'stock_locations',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    code: p.string(),
    name: p.string(),
    countryCode: p.string().length(2).nullable(),
    isDefault: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type StockLocation = InferEntity<typeof StockLocation>;
