import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Stock of one variant at one location. Check constraints in the table keep 0 <= reserved <= on_hand,
 * so available (on_hand - reserved) can never go below zero, whatever the code does.
 */
export const StockLevel = defineEntity({
  name: 'StockLevel',
  schema: 'inventory',
  tableName: 'stock_levels',
  properties: {
    variantId: p.uuid().primary(),
    locationId: p.uuid().primary(),
    onHand: p.integer().default(0),
    reserved: p.integer().default(0),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type StockLevel = InferEntity<typeof StockLevel>;
