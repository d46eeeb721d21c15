import { Type } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';

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
  // (one per line of an order: a reservation's changes travel as one job per consumer)
  { together: true },
);

/** Saga step: every line of a placed order is reserved (all or none). */
export const StockReserved = defineEvent(
  'inventory.reserved.v1',
  Type.Object({
    orderId: Type.String({ format: 'uuid' }),
    reservationId: Type.String({ format: 'uuid' }),
  }),
  'The stock of a placed order is reserved',
);

/** Saga step: some line cannot be reserved; nothing was. */
export const ReservationFailed = defineEvent(
  'inventory.reservation_failed.v1',
  Type.Object({
    orderId: Type.String({ format: 'uuid' }),
    reason: Type.String(),
    variantIds: Type.Array(Type.String({ format: 'uuid' })),
  }),
  'The stock of a placed order could not be reserved',
);

export const inventoryEvents = [StockChanged, StockReserved, ReservationFailed];
