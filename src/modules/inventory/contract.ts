import { Type } from 'typebox';
import { defineEvent } from '../../platform/bus/event.ts';

/**
 * What can be sold of a variant changed (an adjustment, a reservation, a release, a commit).
 * `available` = on hand minus reserved, summed over all locations.
 */
export const StockChanged = defineEvent(
  'inventory.stock_changed.v1',
  Type.Object({
    variantId: Type.String({ format: 'uuid' }),
    available: Type.Integer(),
    inStock: Type.Boolean(),
    /** Increases with every change of this variant's stock; older ones are ignored. */
    sequence: Type.Integer({ minimum: 1 }),
  }),
  'The sellable stock of a variant changed',
);

export const inventoryEvents = [StockChanged];
