import type { QueryResult } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';
import { BadRequest, NotFound, Unprocessable } from '../../platform/http/errors.ts';
import { allocate, mergeLines, type Allocation } from './allocate.ts';
import { InsufficientStock, type Shortfall } from './errors.ts';
import { readReservation, type ReservationView } from './reservation-read.ts';
import { publishStockChanged } from './stock-changed.ts';
import type { StockContext } from './stock-context.ts';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 100_000;

export interface ReserveStock {
  /** Unique per reservation, e.g. the order id: reserving the same reference again returns the first reservation. */
  reference: string;
  lines: { variantId: string; quantity: number }[];
}

const json = (v: unknown) => JSON.stringify(v);

/**
 * Reserves every line or none, in one transaction (a savepoint inside the caller's). Lines of one
 * variant are summed. Rows are locked in variant-id order and `reserved` only grows by what the
 * locked rows can give, so concurrent reservations never take available below zero.
 */
export async function reserveStock(ctx: StockContext, input: ReserveStock): Promise<{ reservation: ReservationView; created: boolean }> {
  checkInput(input);
  const wanted = mergeLines(input.lines.map((l) => ({ variantId: l.variantId.toLowerCase(), quantity: l.quantity })));
  return ctx.em.transactional(async (em) => {
    const id = uuidv7();
    // The unique reference decides: a second reservation of it (even a concurrent one, which waits
    // here for the first to commit or roll back) gets the existing reservation.
    const inserted = await em.execute(
      `insert into inventory.reservations (id, reference, status) values (?, ?, 'reserved') on conflict (reference) do nothing returning id`,
      [id, input.reference]);
    if (!inserted.length) {
      const existing = (await readReservation(em, { reference: input.reference }))!;
      const same = existing.lines.length === wanted.size && existing.lines.every((l) => wanted.get(l.variantId) === l.quantity);
      if (!same) throw new Unprocessable(`Reservation ${input.reference} already exists with other lines`);
      return { reservation: existing, created: false };
    }

    const variantIds = [...wanted.keys()];
    const live = await em.execute<{ variant_id: string }[]>(
      `select variant_id from inventory.variants
       where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid)) and deleted_at is null
       order by variant_id for update`,
      [json(variantIds)]);
    const liveIds = new Set(live.map((v) => v.variant_id));
    const missing = variantIds.find((v) => !liveIds.has(v));
    if (missing) throw new NotFound(`Variant ${missing}`);

    const levels = await em.execute<{ variant_id: string; location_id: string; available: number; is_default: boolean }[]>(
      `select l.variant_id, l.location_id, l.on_hand - l.reserved as available, s.is_default
       from inventory.stock_levels l join inventory.stock_locations s on s.id = l.location_id
       where l.variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
       order by l.variant_id, l.location_id for update of l`,
      [json(variantIds)]);

    const plan: (Allocation & { variantId: string })[] = [];
    const short: Shortfall[] = [];
    for (const [variantId, quantity] of wanted) {
      const stock = levels.filter((l) => l.variant_id === variantId)
        .map((l) => ({ locationId: l.location_id, available: l.available, isDefault: l.is_default }));
      const allocations = allocate(quantity, stock);
      if (allocations) plan.push(...allocations.map((a) => ({ ...a, variantId })));
      else short.push({ variantId, requested: quantity, available: stock.reduce((s, l) => s + l.available, 0) });
    }
    if (short.length) throw new InsufficientStock(short);

    const rows = json(plan.map((a) => ({ variant_id: a.variantId, location_id: a.locationId, quantity: a.quantity })));
    // Conditional, as a second line of defence behind the locks (and the table's check constraints).
    const updated = await em.execute<QueryResult>(
      `update inventory.stock_levels l set reserved = l.reserved + x.quantity, updated_at = now()
       from jsonb_to_recordset(?::jsonb) as x(variant_id uuid, location_id uuid, quantity int)
       where l.variant_id = x.variant_id and l.location_id = x.location_id and l.on_hand - l.reserved >= x.quantity`,
      [rows], 'run');
    if (updated.affectedRows !== plan.length) throw new Error('stock changed under a held lock');
    await em.execute(
      `insert into inventory.reservation_lines (reservation_id, variant_id, location_id, quantity)
       select ?, x.variant_id, x.location_id, x.quantity from jsonb_to_recordset(?::jsonb) as x(variant_id uuid, location_id uuid, quantity int)`,
      [id, rows]);
    await publishStockChanged(em, ctx.publishAll, variantIds);
    return { reservation: (await readReservation(em, { id }))!, created: true };
  });
}

/** The routes validate with JSON schemas; event handlers call this directly, so it checks again. */
function checkInput({ reference, lines }: ReserveStock): void {
  const bad = (field: string, message: string) => new BadRequest(`${field} ${message}`, { errors: [{ field, message }] });
  if (typeof reference !== 'string' || reference.length < 1 || reference.length > 200) throw bad('reference', 'must be 1 to 200 characters');
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > MAX_LINES) throw bad('lines', `must hold 1 to ${MAX_LINES} lines`);
  lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_QUANTITY) throw bad(`lines.${i}.quantity`, `must be an integer from 1 to ${MAX_QUANTITY}`);
    if (typeof l.variantId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(l.variantId)) {
      throw bad(`lines.${i}.variantId`, 'must be a uuid');
    }
  });
}
