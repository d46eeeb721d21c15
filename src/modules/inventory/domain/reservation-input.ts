import { BadRequest } from '../../../platform/http/errors.ts';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 100_000;

export interface ReserveStock {
  /** Unique per reservation, e.g. the order id: reserving the same reference again returns the first reservation. */
  reference: string;
  lines: { variantId: string; quantity: number }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The routes validate with JSON schemas; event handlers reserve directly, so the use case checks again. */
export function checkReservationInput({ reference, lines }: ReserveStock): void {
  const bad = (field: string, message: string) =>
    new BadRequest(`${field} ${message}`, { errors: [{ field, message }] });
  if (typeof reference !== 'string' || reference.length < 1 || reference.length > 200)
    throw bad('reference', 'must be 1 to 200 characters');
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > MAX_LINES)
    throw bad('lines', `must hold 1 to ${MAX_LINES} lines`);
  lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_QUANTITY)
      throw bad(`lines.${i}.quantity`, `must be an integer from 1 to ${MAX_QUANTITY}`);
    if (typeof l.variantId !== 'string' || !UUID.test(l.variantId)) throw bad(`lines.${i}.variantId`, 'must be a uuid');
  });
}
