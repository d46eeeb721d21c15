import { uuidv7 } from '../../platform/ids.ts';
import { Conflict, NotFound } from '../../platform/http/errors.ts';
import {
  readReservation,
  type ReservationKey,
  type ReservationStatus,
  type ReservationView,
} from './reservation-read.ts';
import { publishStockChanged } from './stock-changed.ts';
import type { StockContext } from './stock-context.ts';

/** Gives the reserved stock back (an order canceled). Releasing again changes nothing; after a commit it is a conflict. */
export const releaseReservation = (ctx: StockContext, key: ReservationKey) => settle(ctx, key, 'released');

/**
 * Ships the reserved stock (a shipment left): on hand and reserved both go down, and each location's
 * shipment is written to the on-hand ledger. Committing again changes nothing; after a release it is a conflict.
 */
export const commitReservation = (ctx: StockContext, key: ReservationKey) => settle(ctx, key, 'committed');

const json = (v: unknown) => JSON.stringify(v);

async function settle(ctx: StockContext, key: ReservationKey, to: 'released' | 'committed'): Promise<ReservationView> {
  return ctx.em.transactional(async (em) => {
    // Lock order: the reservation, then its variants by id, then their stock rows.
    const [r] = await em.execute<{ id: string; status: ReservationStatus }[]>(
      `select id, status from inventory.reservations where ${'id' in key ? 'id' : 'reference'} = ? for update`,
      ['id' in key ? key.id : key.reference],
    );
    if (!r) throw new NotFound('Reservation');
    if (r.status === to) return (await readReservation(em, { id: r.id }))!;
    if (r.status !== 'reserved') {
      throw new Conflict(
        r.status === 'committed'
          ? 'Reservation was committed (shipped); it can no longer be released'
          : 'Reservation was released; it can no longer be committed',
      );
    }

    const lines = await em.execute<{ variant_id: string; location_id: string; quantity: number }[]>(
      'select variant_id, location_id, quantity from inventory.reservation_lines where reservation_id = ? order by variant_id, location_id',
      [r.id],
    );
    const variantIds = [...new Set(lines.map((l) => l.variant_id))];
    await em.execute(
      `select variant_id from inventory.variants where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
       order by variant_id for update`,
      [json(variantIds)],
    );
    const rows = json(lines);
    await em.execute(
      `select 1 from inventory.stock_levels l join jsonb_to_recordset(?::jsonb) as x(variant_id uuid, location_id uuid, quantity int)
         on l.variant_id = x.variant_id and l.location_id = x.location_id
       order by l.variant_id, l.location_id for update of l`,
      [rows],
    );

    if (to === 'released') {
      await em.execute(
        `update inventory.stock_levels l set reserved = l.reserved - x.quantity, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as x(variant_id uuid, location_id uuid, quantity int)
         where l.variant_id = x.variant_id and l.location_id = x.location_id`,
        [rows],
      );
      await em.execute(
        `update inventory.reservations set status = 'released', released_at = now(), updated_at = now() where id = ?`,
        [r.id],
      );
    } else {
      const shipped = await em.execute<
        { variant_id: string; location_id: string; quantity: number; on_hand: number; reserved: number }[]
      >(
        `update inventory.stock_levels l set on_hand = l.on_hand - x.quantity, reserved = l.reserved - x.quantity, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as x(variant_id uuid, location_id uuid, quantity int)
         where l.variant_id = x.variant_id and l.location_id = x.location_id
         returning l.variant_id, l.location_id, x.quantity, l.on_hand, l.reserved`,
        [rows],
      );
      await em.execute(
        `insert into inventory.adjustments (id, variant_id, location_id, kind, reason, delta, on_hand_before, on_hand_after, reserved, reservation_id)
         select (x.id)::uuid, x.variant_id, x.location_id, 'commit', 'shipped', -x.quantity, x.on_hand + x.quantity, x.on_hand, x.reserved, ?
         from jsonb_to_recordset(?::jsonb) as x(id text, variant_id uuid, location_id uuid, quantity int, on_hand int, reserved int)`,
        [r.id, json(shipped.map((s) => ({ ...s, id: uuidv7() })))],
      );
      await em.execute(
        `update inventory.reservations set status = 'committed', committed_at = now(), updated_at = now() where id = ?`,
        [r.id],
      );
    }
    await publishStockChanged(em, ctx.publishAll, variantIds);
    return (await readReservation(em, { id: r.id }))!;
  });
}
