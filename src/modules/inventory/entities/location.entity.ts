import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { nowOnCreate, nowOnWrite, uuidv7Id } from '../../../platform/db/index.ts';

/** A place stock is kept (a warehouse, a shop's back room). Exactly one is the default. */
export const StockLocation = defineEntity({
  name: 'StockLocation',
  schema: 'inventory',
  tableName: 'stock_locations',
  uniques: [
    // Codes are compared case-insensitively: "WH-1" and "wh-1" are one location.
    {
      name: 'stock_locations_code_key',
      expression: 'create unique index stock_locations_code_key on inventory.stock_locations (lower(code))',
    },
    { name: 'stock_locations_one_default', properties: ['isDefault'], where: 'is_default' },
  ],
  properties: {
    id: uuidv7Id(),
    code: p.string().length(64),
    name: p.string().length(200),
    countryCode: p.character().length(2).nullable(),
    isDefault: p.boolean().default(false),
    createdAt: nowOnCreate(),
    updatedAt: nowOnWrite(),
  },
});
export type StockLocation = InferEntity<typeof StockLocation>;
