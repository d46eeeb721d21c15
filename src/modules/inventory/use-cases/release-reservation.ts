import { sql } from 'kysely';
import { withQuantities } from '../entities/inventory-db.ts';
import { lockReservationToEnd } from '../entities/reservation-locks.ts';
import { StockReservation } from '../entities/reservation.entity.ts';
import { getReservation, type ReservationKey, type ReservationView } from './get-reservation.ts';
import { publishStockChanged } from './publish-stock-changed.ts';
import type { StockContext } from './stock-context.ts';

/** Gives the reserved stock back (an order canceled). Releasing again changes nothing; after a commit it is a conflict. */
export async function releaseReservation(ctx: StockContext, key: ReservationKey): Promise<ReservationView> {
  return ctx.em.transactional(async (em) => {
    const { id, lines } = await lockReservationToEnd(em, key, 'released');
    if (lines) {
      await withQuantities(em, lines)
        .updateTable('inventory.stock_levels as l')
        .from('x')
        .set((eb) => ({ reserved: eb('l.reserved', '-', eb.ref('x.quantity')), updated_at: sql`now()` }))
        .whereRef('l.variant_id', '=', 'x.variant_id')
        .whereRef('l.location_id', '=', 'x.location_id')
        .execute();
      const now = new Date();
      await em.nativeUpdate(StockReservation, { id }, { status: 'released', releasedAt: now, updatedAt: now });
      await publishStockChanged(
        em,
        ctx.publishAll,
        lines.map((l) => l.variant_id),
      );
    }
    return (await getReservation(em, { id }))!;
  });
}
