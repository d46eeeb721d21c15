import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Stock held for a reference (an order id), until it is released or committed (shipped). */
export const StockReservation = defineEntity({
  name: 'StockReservation',
  schema: 'inventory',
  tableName: 'reservations',
  properties: {
    id: p.uuid().primary(),
    reference: p.string(),
    status: p.enum(['reserved', 'released', 'committed'] as const),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    releasedAt: p.datetime().nullable(),
    committedAt: p.datetime().nullable(),
  },
});
export type StockReservation = InferEntity<typeof StockReservation>;

/** The part of a reservation held at one location (a line may be split across locations). */
export const StockReservationLine = defineEntity({
  name: 'StockReservationLine',
  schema: 'inventory',
  tableName: 'reservation_lines',
  properties: {
    reservationId: p.uuid().primary(),
    variantId: p.uuid().primary(),
    locationId: p.uuid().primary(),
    quantity: p.integer(),
  },
});
export type StockReservationLine = InferEntity<typeof StockReservationLine>;
