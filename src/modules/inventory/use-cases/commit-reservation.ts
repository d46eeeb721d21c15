import { sql } from 'kysely';
import { uuidv7 } from '../../../platform/ids.ts';
import { StockAdjustment } from '../entities/adjustment.entity.ts';
import { withQuantities } from '../entities/inventory-db.ts';
import { lockReservationToEnd } from '../entities/reservation-locks.ts';
import { StockReservation } from '../entities/reservation.entity.ts';
import { getReservation, type ReservationKey, type ReservationView } from './get-reservation.ts';
import { publishStockChanged } from './publish-stock-changed.ts';
import type { StockContext } from './stock-context.ts';

/**
 * Ships the reserved stock (a shipment left): on hand and reserved both go down, and each location's
 * shipment is written to the on-hand ledger. Committing again changes nothing; after a release it is a conflict.
 */
export async function commitReservation(ctx: StockContext, key: ReservationKey): Promise<ReservationView> {
  return ctx.em.transactional(async (em) => {
    const { id, lines } = await lockReservationToEnd(em, key, 'committed');
    if (lines) {
      const shipped = await withQuantities(em, lines)
        .updateTable('inventory.stock_levels as l')
        .from('x')
        .set((eb) => ({
          on_hand: eb('l.on_hand', '-', eb.ref('x.quantity')),
          reserved: eb('l.reserved', '-', eb.ref('x.quantity')),
          updated_at: sql`now()`,
        }))
        .whereRef('l.variant_id', '=', 'x.variant_id')
        .whereRef('l.location_id', '=', 'x.location_id')
        .returning(['l.variant_id', 'l.location_id', 'x.quantity', 'l.on_hand', 'l.reserved'])
        .execute();
      await em.insertMany(
        StockAdjustment,
        shipped.map((s) => ({
          id: uuidv7(),
          variantId: s.variant_id,
          locationId: s.location_id,
          kind: 'commit' as const,
          reason: 'shipped' as const,
          delta: -s.quantity,
          onHandBefore: s.on_hand + s.quantity,
          onHandAfter: s.on_hand,
          reserved: s.reserved,
          reservationId: id,
          createdAt: new Date(),
        })),
      );
      const now = new Date();
      await em.nativeUpdate(StockReservation, { id }, { status: 'committed', committedAt: now, updatedAt: now });
      await publishStockChanged(
        em,
        ctx.publishAll,
        lines.map((l) => l.variant_id),
      );
    }
    return (await getReservation(em, { id }))!;
  });
}
