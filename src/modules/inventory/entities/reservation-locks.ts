import { execute, type EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { transitionNeeded, type ReservationStatus } from '../domain/reservation-status.ts';
import type { LocatedQuantity } from './inventory-db.ts';
import type { ReservationKey } from './reservation-reads.ts';

const json = (v: unknown) => JSON.stringify(v);

/** Locks one reservation by id or reference; null when there is none. */
async function lockReservation(
  em: EntityManager,
  key: ReservationKey,
): Promise<{ id: string; status: ReservationStatus } | null> {
  const [r] = await execute<{ id: string; status: ReservationStatus }>(
    em,
    `select id, status from inventory.reservations where ${'id' in key ? 'id' : 'reference'} = ? for update`,
    ['id' in key ? key.id : key.reference],
  );
  return r ?? null;
}

/**
 * Locks what a reservation holds in the order every stock writer uses (its variants by id, then
 * their stock rows), and returns its lines.
 */
async function lockReservedStock(em: EntityManager, reservationId: string): Promise<LocatedQuantity[]> {
  const lines = await execute<LocatedQuantity>(
    em,
    'select variant_id, location_id, quantity from inventory.reservation_lines where reservation_id = ? order by variant_id, location_id',
    [reservationId],
  );
  await execute<{ variant_id: string }>(
    em,
    `select variant_id from inventory.variants where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
     order by variant_id for update`,
    [json([...new Set(lines.map((l) => l.variant_id))])],
  );
  await execute<{ locked: number }>(
    em,
    `select 1 as locked from inventory.stock_levels l join jsonb_to_recordset(?::jsonb) as x(variant_id uuid, location_id uuid, quantity int)
       on l.variant_id = x.variant_id and l.location_id = x.location_id
     order by l.variant_id, l.location_id for update of l`,
    [json(lines)],
  );
  return lines;
}

/**
 * Locks a reservation that is to end (`released` or `committed`) and, when it must still get
 * there, what it holds: `lines` is null when it is there already. No reservation is a 404; the
 * other end reached already is a 409.
 */
export async function lockReservationToEnd(
  em: EntityManager,
  key: ReservationKey,
  to: 'released' | 'committed',
): Promise<{ id: string; lines: LocatedQuantity[] | null }> {
  const r = await lockReservation(em, key);
  if (!r) throw new NotFound('Reservation');
  return { id: r.id, lines: transitionNeeded(r.status, to) ? await lockReservedStock(em, r.id) : null };
}
