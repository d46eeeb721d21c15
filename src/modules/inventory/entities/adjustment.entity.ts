import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { nowOnCreate } from '../../../platform/db/index.ts';
import { InventoryVariant } from './catalog.entity.ts';

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
  indexes: [
    {
      name: 'adjustments_variant_idx',
      expression: 'create index adjustments_variant_idx on inventory.adjustments (variant_id, id desc)',
    },
  ],
  checks: [
    { name: 'adjustments_delta_adds_up', expression: 'on_hand_after = on_hand_before + delta' },
    { name: 'adjustments_commit_has_reservation', expression: "(kind = 'commit') = (reservation_id is not null)" },
    { name: 'adjustments_staff_unless_commit', expression: "(kind = 'commit') or staff_id is not null" },
  ],
  properties: {
    id: p.uuid().primary(),
    // No foreign key to the location, so the history outlives a location that was closed.
    variantId: p
      .manyToOne(InventoryVariant)
      .mapToPk()
      .fieldName('variant_id')
      .foreignKeyName('adjustments_variant_id_fkey')
      .updateRule('no action')
      .deleteRule('no action'),
    locationId: p.uuid(),
    kind: p.enum(['adjustment', 'set', 'commit'] as const),
    reason: p.enum([...ADJUSTMENT_REASONS, 'shipped'] as const),
    note: p.string().length(500).nullable(),
    delta: p.integer(),
    onHandBefore: p.integer(),
    onHandAfter: p.integer(),
    reserved: p.integer(),
    staffId: p.uuid().nullable(),
    reservationId: p.uuid().nullable(),
    createdAt: nowOnCreate(),
  },
});
export type StockAdjustment = InferEntity<typeof StockAdjustment>;
