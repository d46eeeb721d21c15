import { uuidv7 } from '../../platform/ids.ts';
import { BadRequest, Conflict, NotFound } from '../../platform/http/errors.ts';
import type { AdjustmentReason } from './adjustment.entity.ts';
import { publishStockChanged } from './stock-changed.ts';
import type { StockContext } from './stock-context.ts';

/** The largest on-hand figure one location may hold (the column is a 32-bit integer). */
export const MAX_ON_HAND = 1_000_000_000;

export interface AdjustStock {
  variantId: string;
  locationId: string;
  /** Change on hand by this much (received +20, damaged -2)... */
  delta?: number;
  /** ...or set it to a counted figure (a cycle count, zero). Exactly one of the two. */
  onHand?: number;
  reason: AdjustmentReason;
  note?: string | null;
  staffId: string;
}

export interface AdjustmentRow {
  id: string;
  variant_id: string;
  location_id: string;
  kind: 'adjustment' | 'set' | 'commit';
  reason: string;
  note: string | null;
  delta: number;
  on_hand_before: number;
  on_hand_after: number;
  reserved: number;
  staff_id: string | null;
  reservation_id: string | null;
  created_at: Date;
}

/**
 * A staff change of on-hand stock at one location, written to the ledger with before and after, and
 * published as stock_changed, all in one transaction. On hand may never go below zero nor below what
 * is reserved there; a refused change leaves everything as it was.
 */
export async function adjustStock(ctx: StockContext, input: AdjustStock): Promise<AdjustmentRow> {
  const { variantId, locationId, delta, onHand } = input;
  if ((delta === undefined) === (onHand === undefined)) {
    throw new BadRequest('Give exactly one of delta (a change) or onHand (the new figure)', {
      errors: [
        { field: delta === undefined ? 'delta' : 'onHand', message: 'exactly one of delta and onHand is required' },
      ],
    });
  }
  if (delta === 0)
    throw new BadRequest('delta must not be 0', { errors: [{ field: 'delta', message: 'must not be 0' }] });

  return ctx.em.transactional(async (em) => {
    // Lock order as everywhere: the variant row first, then its stock rows.
    const [variant] = await em.execute(
      'select variant_id from inventory.variants where variant_id = ? and deleted_at is null for update',
      [variantId],
    );
    if (!variant) throw new NotFound('Variant');
    // A share lock, so the location cannot be deleted under us.
    const [location] = await em.execute('select id from inventory.stock_locations where id = ? for share', [
      locationId,
    ]);
    if (!location) throw new NotFound('Stock location');
    await em.execute(
      'insert into inventory.stock_levels (variant_id, location_id) values (?, ?) on conflict do nothing',
      [variantId, locationId],
    );
    const [level] = await em.execute<{ on_hand: number; reserved: number }[]>(
      'select on_hand, reserved from inventory.stock_levels where variant_id = ? and location_id = ? for update',
      [variantId, locationId],
    );

    const before = level.on_hand;
    const after = onHand ?? before + delta!;
    if (after < 0)
      throw new Conflict(`On hand cannot go below zero: ${before} on hand, a change of ${delta} would leave ${after}`);
    if (after < level.reserved) {
      throw new Conflict(
        `On hand cannot go below what is reserved: ${level.reserved} reserved, ${after} would be on hand`,
      );
    }
    if (after > MAX_ON_HAND) throw new Conflict(`On hand cannot exceed ${MAX_ON_HAND} at one location`);

    await em.execute(
      'update inventory.stock_levels set on_hand = ?, updated_at = now() where variant_id = ? and location_id = ?',
      [after, variantId, locationId],
    );
    const [row] = await em.execute<AdjustmentRow[]>(
      `insert into inventory.adjustments
         (id, variant_id, location_id, kind, reason, note, delta, on_hand_before, on_hand_after, reserved, staff_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
      [
        uuidv7(),
        variantId,
        locationId,
        onHand === undefined ? 'adjustment' : 'set',
        input.reason,
        input.note ?? null,
        after - before,
        before,
        after,
        level.reserved,
        input.staffId,
      ],
    );
    await publishStockChanged(em, ctx.publishAll, [variantId]);
    return row;
  });
}
