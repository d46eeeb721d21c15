import type { EntityManager } from '../../../platform/db/index.ts';
import {
  reservationRowsByKey,
  withLines,
  type ReservationKey,
  type ReservationView,
} from '../entities/reservation-reads.ts';

export type { ReservationKey, ReservationStatus, ReservationView } from '../entities/reservation-reads.ts';

/** One reservation by id or by reference, or null. */
export async function getReservation(em: EntityManager, key: ReservationKey): Promise<ReservationView | null> {
  return (await withLines(em, await reservationRowsByKey(em, key)))[0] ?? null;
}
