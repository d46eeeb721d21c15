import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Why staff changed stock: a fixed list, so reports can group by it. */
export const ADJUSTMENT_REASONS = ['received', 'correction', 'damaged', 'returned', 'cycle_count', 'other'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/**
 * One row of the on-hand ledger, never changed once written: a staff adjustment (`adjustment` by a
 * delta, `set` to a counted figure) or a shipment (`commit` of a reservation, reason `shipped`).
 */
export const StockAdjustment = defineEntity({
  name: 'StockAdjustment',
  schema: 'inventory',
  tableName: 'adjustments',
  properties: {
    id: p.uuid().primary(),
    variantId: p.uuid(),
    locationId: p.uuid(),
    kind: p.enum(['adjustment', 'set', 'commit'] as const),
    reason: p.enum([...ADJUSTMENT_REASONS, 'shipped'] as const),
    note: p.string().nullable(),
    delta: p.integer(),
    onHandBefore: p.integer(),
    onHandAfter: p.integer(),
    reserved: p.integer(),
    staffId: p.uuid().nullable(),
    reservationId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type StockAdjustment = InferEntity<typeof StockAdjustment>;
