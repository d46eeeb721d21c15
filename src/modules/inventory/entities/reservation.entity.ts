import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { nowOnCreate } from '../../../platform/db/index.ts';
import { InventoryVariant } from './catalog.entity.ts';

/** Stock held for a reference (an order id), until it is released or committed (shipped). */
export const StockReservation = defineEntity({
  name: 'StockReservation',
  schema: 'inventory',
  tableName: 'reservations',
  // One reservation per reference (an order id): reserving it again returns the first one.
  uniques: [{ name: 'reservations_reference_key', properties: ['reference'] }],
  properties: {
    id: p.uuid().primary(),
    reference: p.string().length(200),
    status: p.enum(['reserved', 'released', 'committed'] as const),
    createdAt: nowOnCreate(),
    updatedAt: nowOnCreate(),
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
  indexes: [{ name: 'reservation_lines_variant_idx', properties: ['variantId'] }],
  checks: [{ name: 'reservation_lines_quantity_check', expression: 'quantity > 0' }],
  properties: {
    reservationId: p
      .manyToOne(StockReservation)
      .mapToPk()
      .fieldName('reservation_id')
      .foreignKeyName('reservation_lines_reservation_id_fkey')
      .updateRule('no action')
      .deleteRule('no action')
      .primary(),
    variantId: p
      .manyToOne(InventoryVariant)
      .mapToPk()
      .fieldName('variant_id')
      .foreignKeyName('reservation_lines_variant_id_fkey')
      .updateRule('no action')
      .deleteRule('no action')
      .primary(),
    locationId: p.uuid().primary(),
    quantity: p.integer(),
  },
});
export type StockReservationLine = InferEntity<typeof StockReservationLine>;
