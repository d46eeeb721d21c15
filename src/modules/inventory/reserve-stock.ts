import { execute } from '../../platform/db/index.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { EntityManager } from '../../platform/db/index.ts';
import { BadRequest, DomainError, NotFound, Unprocessable } from '../../platform/http/errors.ts';
import { allocate, mergeLines, type Allocation } from './allocate.ts';
import { InsufficientStock, type Shortfall } from './errors.ts';
import { readReservation, type ReservationView } from './reservation-read.ts';
import { StockChanged } from './contract.ts';
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
 * Reserves every line or none. Lines of one variant are summed. Rows are locked in variant-id
 * order and `reserved` only grows by what the locked rows can give, so concurrent reservations
 * never take available below zero.
 *
 * Every sale of a popular variant queues on its row lock, so the locked stretch is kept short:
 * lock the variants, read their stock, then one statement takes the stock, writes the lines and
 * bumps the stock sequence, then the events. Inside a caller's transaction (a saga step) there
 * is no savepoint: every refusal comes before any write but the reservation row, which a refusal
 * deletes again, so the caller may go on.
 */
export async function reserveStock(
  ctx: StockContext,
  input: ReserveStock,
): Promise<{ reservation: ReservationView; created: boolean }> {
  checkInput(input);
  const wanted = mergeLines(input.lines.map((l) => ({ variantId: l.variantId.toLowerCase(), quantity: l.quantity })));
  const work = async (em: EntityManager) => {
    const id = uuidv7();
    // The unique reference decides: a second reservation of it (even a concurrent one, which waits
    // here for the first to commit or roll back) gets the existing reservation.
    const inserted = await execute(
      em,
      `insert into inventory.reservations (id, reference, status) values (?, ?, 'reserved') on conflict (reference) do nothing returning id, created_at`,
      [id, input.reference],
    );
    if (!inserted.length) {
      const existing = (await readReservation(em, { reference: input.reference }))!;
      const same =
        existing.lines.length === wanted.size && existing.lines.every((l) => wanted.get(l.variantId) === l.quantity);
      if (!same) throw new Unprocessable(`Reservation ${input.reference} already exists with other lines`);
      return { reservation: existing, created: false };
    }
    try {
      return {
        reservation: await take(em, id, input.reference, wanted, new Date(inserted[0].created_at).toISOString()),
        created: true,
      };
    } catch (err) {
      if (err instanceof DomainError) await execute(em, 'delete from inventory.reservations where id = ?', [id]);
      throw err;
    }
  };
  return ctx.em.isInTransaction() ? work(ctx.em) : ctx.em.transactional(work);

  async function take(
    em: EntityManager,
    id: string,
    reference: string,
    wanted: Map<string, number>,
    at: string,
  ): Promise<ReservationView> {
    const variantIds = [...wanted.keys()].sort();
    // Variants first, then their stock rows (every stock writer locks in that order). Two
    // statements on purpose: one statement's snapshot is taken before it waits for a lock, and
    // would miss a stock row (a new location) that the holder of the lock inserted.
    const live = await execute<{ variant_id: string }>(
      em,
      `select variant_id from inventory.variants
       where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid)) and deleted_at is null
       order by variant_id for update`,
      [json(variantIds)],
    );
    const missing = variantIds.find((v) => !live.some((l) => l.variant_id === v));
    if (missing) throw new NotFound(`Variant ${missing}`);
    const levels = await execute<{ variant_id: string; location_id: string; available: number; is_default: boolean }>(
      em,
      `select l.variant_id, l.location_id, l.on_hand - l.reserved as available, s.is_default
       from inventory.stock_levels l join inventory.stock_locations s on s.id = l.location_id
       where l.variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
       order by l.variant_id, l.location_id for update of l`,
      [json(variantIds)],
    );

    const plan: (Allocation & { variantId: string })[] = [];
    const short: Shortfall[] = [];
    const availableAfter = new Map<string, number>();
    for (const [variantId, quantity] of wanted) {
      const stock = levels
        .filter((l) => l.variant_id === variantId)
        .map((l) => ({ locationId: l.location_id, available: l.available, isDefault: l.is_default }));
      const total = stock.reduce((s, l) => s + l.available, 0);
      const allocations = allocate(quantity, stock);
      if (allocations) plan.push(...allocations.map((a) => ({ ...a, variantId })));
      else short.push({ variantId, requested: quantity, available: total });
      availableAfter.set(variantId, total - quantity);
    }
    if (short.length) throw new InsufficientStock(short);

    // The update is conditional, a second line of defence behind the locks (and the table's check constraints).
    const rows = json(plan.map((a) => ({ variant_id: a.variantId, location_id: a.locationId, quantity: a.quantity })));
    const bumped = await execute<{ variant_id: string; sequence: number; updated: number }>(
      em,
      `with x as (select * from jsonb_to_recordset(?::jsonb) as x(variant_id uuid, location_id uuid, quantity int)),
       taken as (
         update inventory.stock_levels l set reserved = l.reserved + x.quantity, updated_at = now() from x
         where l.variant_id = x.variant_id and l.location_id = x.location_id and l.on_hand - l.reserved >= x.quantity
         returning l.variant_id),
       lines as (
         insert into inventory.reservation_lines (reservation_id, variant_id, location_id, quantity)
         select ?, x.variant_id, x.location_id, x.quantity from x),
       bumped as (
         update inventory.variants set sequence = sequence + 1, updated_at = now()
         where variant_id in (select variant_id from x) returning variant_id, sequence)
       select b.variant_id, b.sequence, (select count(*) from taken)::int as updated from bumped b order by b.variant_id`,
      [rows, id],
    );
    if (bumped[0]?.updated !== plan.length) throw new Error('stock changed under a held lock');
    await ctx.publishAll(
      em,
      StockChanged,
      bumped.map((b) => {
        const available = availableAfter.get(b.variant_id)!;
        return { variantId: b.variant_id, available, inStock: available > 0, sequence: b.sequence };
      }),
    );
    return {
      id,
      reference,
      status: 'reserved',
      createdAt: at,
      updatedAt: at,
      releasedAt: null,
      committedAt: null,
      lines: variantIds.map((variantId) => ({
        variantId,
        quantity: wanted.get(variantId)!,
        allocations: plan
          .filter((a) => a.variantId === variantId)
          .sort((a, b) => (a.locationId < b.locationId ? -1 : 1))
          .map((a) => ({ locationId: a.locationId, quantity: a.quantity })),
      })),
    };
  }
}

/** The routes validate with JSON schemas; event handlers call this directly, so it checks again. */
function checkInput({ reference, lines }: ReserveStock): void {
  const bad = (field: string, message: string) =>
    new BadRequest(`${field} ${message}`, { errors: [{ field, message }] });
  if (typeof reference !== 'string' || reference.length < 1 || reference.length > 200)
    throw bad('reference', 'must be 1 to 200 characters');
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > MAX_LINES)
    throw bad('lines', `must hold 1 to ${MAX_LINES} lines`);
  lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_QUANTITY)
      throw bad(`lines.${i}.quantity`, `must be an integer from 1 to ${MAX_QUANTITY}`);
    if (
      typeof l.variantId !== 'string' ||
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(l.variantId)
    ) {
      throw bad(`lines.${i}.variantId`, 'must be a uuid');
    }
  });
}
