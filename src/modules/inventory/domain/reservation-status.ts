import { Conflict } from '../../../platform/http/errors.ts';

export type ReservationStatus = 'reserved' | 'released' | 'committed';

/**
 * A reservation ends once: released (stock back on the shelf) or committed (shipped). Reaching the
 * state it is already in changes nothing (`false`); leaving one end for the other is a conflict.
 */
export function transitionNeeded(from: ReservationStatus, to: 'released' | 'committed'): boolean {
  if (from === to) return false;
  if (from === 'reserved') return true;
  throw new Conflict(
    from === 'committed'
      ? 'Reservation was committed (shipped); it can no longer be released'
      : 'Reservation was released; it can no longer be committed',
  );
}
