import { sql } from 'kysely';
import { NotFound } from '../../../platform/http/errors.ts';
import { mustSettle } from '../domain/reservation-status.ts';
import { withQuantities } from '../entities/inventory-db.ts';
import { lockReservation, lockReservedStock } from '../entities/reservation-locks.ts';
import { StockReservation } from '../entities/reservation.entity.ts';
import { getReservation, type ReservationKey, type ReservationView } from './get-reservation.ts';
import { publishStockChanged } from './publish-stock-changed.ts';
import type { StockContext } from './stock-context.ts';

/** Gives the reserved stock back (an order canceled). Releasing again changes nothing; after a commit it is a conflict. */
export async function releaseReservation(ctx: StockContext, key: ReservationKey): Promise<ReservationView> {
  return ctx.em.transactional(async (em) => {
    const r = await lockReservation(em, key);
    if (!r) throw new NotFound('Reservation');
    if (mustSettle(r.status, 'released')) {
      const lines = await lockReservedStock(em, r.id);
      await withQuantities(em, lines)
        .updateTable('inventory.stock_levels as l')
        .from('x')
        .set((eb) => ({ reserved: eb('l.reserved', '-', eb.ref('x.quantity')), updated_at: sql`now()` }))
        .whereRef('l.variant_id', '=', 'x.variant_id')
        .whereRef('l.location_id', '=', 'x.location_id')
        .execute();
      const now = new Date();
      await em.nativeUpdate(StockReservation, { id: r.id }, { status: 'released', releasedAt: now, updatedAt: now });
      await publishStockChanged(
        em,
        ctx.publishAll,
        lines.map((l) => l.variant_id),
      );
    }
    return (await getReservation(em, { id: r.id }))!;
  });
}
