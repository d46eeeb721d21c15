import { BadRequest, Conflict } from '../../../platform/http/errors.ts';

/** The largest on-hand figure one location may hold (the column is a 32-bit integer). */
export const MAX_ON_HAND = 1_000_000_000;

/** A staff change: by a delta (received +20, damaged -2) or to a counted figure; exactly one of the two. */
export interface OnHandChange {
  delta?: number;
  onHand?: number;
}

/** Refuses a change that gives neither or both figures, or a delta of zero. */
export function checkOnHandChange({ delta, onHand }: OnHandChange): void {
  if ((delta === undefined) === (onHand === undefined)) {
    throw new BadRequest('Give exactly one of delta (a change) or onHand (the new figure)', {
      errors: [
        { field: delta === undefined ? 'delta' : 'onHand', message: 'exactly one of delta and onHand is required' },
      ],
    });
  }
  if (delta === 0)
    throw new BadRequest('delta must not be 0', { errors: [{ field: 'delta', message: 'must not be 0' }] });
}

/** The new on-hand figure: never below zero, never below what is reserved there, never above the cap. */
export function nextOnHand(before: number, reserved: number, { delta, onHand }: OnHandChange): number {
  const after = onHand ?? before + delta!;
  if (after < 0)
    throw new Conflict(`On hand cannot go below zero: ${before} on hand, a change of ${delta} would leave ${after}`);
  if (after < reserved)
    throw new Conflict(`On hand cannot go below what is reserved: ${reserved} reserved, ${after} would be on hand`);
  if (after > MAX_ON_HAND) throw new Conflict(`On hand cannot exceed ${MAX_ON_HAND} at one location`);
  return after;
}
