import { execute } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { checkOnHandChange, nextOnHand, type OnHandChange } from '../domain/on-hand.ts';
import { StockAdjustment, type AdjustmentReason } from '../entities/adjustment.entity.ts';
import { inventoryDb } from '../entities/inventory-db.ts';
import { StockLevel } from '../entities/stock-level.entity.ts';
import { publishStockChanged } from './publish-stock-changed.ts';
import { recordAudit, staffIdOf, type Actor } from '../../../platform/auth/audit.ts';
import type { StockContext } from './stock-context.ts';

export interface AdjustStock extends OnHandChange {
  variantId: string;
  locationId: string;
  reason: AdjustmentReason;
  note?: string | null;
  /** The staff member or API key making the change (audited; the ledger keeps the staff id). */
  actor: Actor;
}

/** A row of the on-hand ledger, as written or read. */
export type AdjustmentRecord = Pick<
  StockAdjustment,
  | 'id'
  | 'variantId'
  | 'locationId'
  | 'kind'
  | 'reason'
  | 'note'
  | 'delta'
  | 'onHandBefore'
  | 'onHandAfter'
  | 'reserved'
  | 'staffId'
  | 'reservationId'
  | 'createdAt'
>;

/**
 * A staff change of on-hand stock at one location, written to the ledger with before and after, and
 * published as stock_changed, all in one transaction. On hand may never go below zero nor below what
 * is reserved there; a refused change leaves everything as it was.
 */
export async function adjustStock(ctx: StockContext, input: AdjustStock): Promise<AdjustmentRecord> {
  checkOnHandChange(input);
  const { variantId, locationId } = input;
  return ctx.em.transactional(async (em) => {
    // Lock order as everywhere: the variant row first, then its stock rows.
    const [variant] = await execute<{ variant_id: string }>(
      em,
      'select variant_id from inventory.variants where variant_id = ? and deleted_at is null for update',
      [variantId],
    );
    if (!variant) throw new NotFound('Variant');
    // A share lock, so the location cannot be deleted under us.
    const [location] = await execute<{ id: string }>(
      em,
      'select id from inventory.stock_locations where id = ? for share',
      [locationId],
    );
    if (!location) throw new NotFound('Stock location');
    await inventoryDb(em)
      .insertInto('inventory.stock_levels')
      .values({ variant_id: variantId, location_id: locationId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const [level] = await execute<{ on_hand: number; reserved: number }>(
      em,
      'select on_hand, reserved from inventory.stock_levels where variant_id = ? and location_id = ? for update',
      [variantId, locationId],
    );

    const before = level.on_hand;
    const after = nextOnHand(before, level.reserved, input);
    const now = new Date();
    await em.nativeUpdate(StockLevel, { variantId, locationId }, { onHand: after, updatedAt: now });
    const record: AdjustmentRecord = {
      id: uuidv7(),
      variantId,
      locationId,
      kind: input.onHand === undefined ? 'adjustment' : 'set',
      reason: input.reason,
      note: input.note ?? null,
      delta: after - before,
      onHandBefore: before,
      onHandAfter: after,
      reserved: level.reserved,
      staffId: staffIdOf(input.actor),
      reservationId: null,
      createdAt: now,
    };
    await em.insert(StockAdjustment, record);
    await publishStockChanged(em, ctx.publishAll, [variantId]);
    await recordAudit((tx, event, payload) => ctx.publishAll(tx, event, [payload]), em, input.actor, {
      action: 'stock.adjust',
      resourceType: 'stock',
      resourceId: `${variantId}@${locationId}`,
      before: { onHand: before, reserved: level.reserved },
      after: { onHand: after, reserved: level.reserved, reason: input.reason, note: input.note ?? null },
    });
    return record;
  });
}
