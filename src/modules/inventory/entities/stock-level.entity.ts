import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { nowOnWrite } from '../../../platform/db/index.ts';
import { InventoryVariant } from './catalog.entity.ts';
import { StockLocation } from './location.entity.ts';

/**
 * Stock of one variant at one location. Check constraints keep 0 <= reserved <= on_hand, so
 * available (on_hand - reserved) can never go below zero, whatever the code does.
 */
export const StockLevel = defineEntity({
  name: 'StockLevel',
  schema: 'inventory',
  tableName: 'stock_levels',
  indexes: [{ name: 'stock_levels_location_idx', properties: ['locationId'] }],
  checks: [
    { name: 'stock_levels_on_hand_not_negative', expression: 'on_hand >= 0' },
    { name: 'stock_levels_on_hand_bounded', expression: 'on_hand <= 1000000000' },
    { name: 'stock_levels_reserved_not_negative', expression: 'reserved >= 0' },
    { name: 'stock_levels_reserved_within_on_hand', expression: 'reserved <= on_hand' },
  ],
  properties: {
    variantId: p
      .manyToOne(InventoryVariant)
      .mapToPk()
      .fieldName('variant_id')
      .foreignKeyName('stock_levels_variant_id_fkey')
      .updateRule('no action')
      .deleteRule('no action')
      .primary(),
    locationId: p
      .manyToOne(StockLocation)
      .mapToPk()
      .fieldName('location_id')
      .foreignKeyName('stock_levels_location_id_fkey')
      .updateRule('no action')
      .deleteRule('no action')
      .primary(),
    onHand: p.integer().default(0),
    reserved: p.integer().default(0),
    updatedAt: nowOnWrite(),
  },
});
export type StockLevel = InferEntity<typeof StockLevel>;
