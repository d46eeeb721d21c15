import { sql } from 'kysely';
import { execute, type EntityManager } from '../../../platform/db/index.ts';
import { DomainError, NotFound, Unprocessable } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { StockChanged } from '../contract.ts';
import { mergeLines, planReservation, type ReservationPlan } from '../domain/allocate.ts';
import { InsufficientStock } from '../domain/insufficient-stock.ts';
import { checkReservationInput, type ReserveStock } from '../domain/reservation-input.ts';
import { inventoryDb, withQuantities } from '../entities/inventory-db.ts';
import { StockReservation } from '../entities/reservation.entity.ts';
import { getReservation, type ReservationView } from './get-reservation.ts';
import type { StockContext } from './stock-context.ts';

export type { ReserveStock } from '../domain/reservation-input.ts';

const json = (v: unknown) => JSON.stringify(v);

/**
 * Reserves every line or none. Lines of one variant are summed. Rows are locked in variant-id
 * order and `reserved` only grows by what the locked rows can give, so concurrent reservations
 * never take available below zero. Inside a caller's transaction (a saga step) there is no
 * savepoint: every refusal comes before any write but the reservation row, which a refusal
 * deletes again, so the caller may go on.
 */
export async function reserveStock(
  ctx: StockContext,
  input: ReserveStock,
): Promise<{ reservation: ReservationView; created: boolean }> {
  checkReservationInput(input);
  const wanted = mergeLines(input.lines.map((l) => ({ variantId: l.variantId.toLowerCase(), quantity: l.quantity })));
  const work = async (em: EntityManager) => {
    const id = uuidv7();
    // The unique reference decides: a second reservation of it (even a concurrent one, which waits
    // here for the first to commit or roll back) gets the existing reservation.
    const inserted = await inventoryDb(em)
      .insertInto('inventory.reservations')
      .values({ id, reference: input.reference, status: 'reserved' })
      .onConflict((oc) => oc.column('reference').doNothing())
      .returning('created_at')
      .executeTakeFirst();
    if (!inserted) {
      const existing = (await getReservation(em, { reference: input.reference }))!;
      const same =
        existing.lines.length === wanted.size && existing.lines.every((l) => wanted.get(l.variantId) === l.quantity);
      if (!same) throw new Unprocessable(`Reservation ${input.reference} already exists with other lines`);
      return { reservation: existing, created: false };
    }
    try {
      const plan = await lockAndPlan(em, wanted);
      await applyPlan(ctx, em, id, plan);
      return { reservation: reservationView(id, input.reference, wanted, plan, inserted.created_at), created: true };
    } catch (err) {
      if (err instanceof DomainError) await em.nativeDelete(StockReservation, { id });
      throw err;
    }
  };
  return ctx.em.isInTransaction() ? work(ctx.em) : ctx.em.transactional(work);
}

/** Locks the variants, then their stock rows (every stock writer locks in that order), and plans the allocation. */
async function lockAndPlan(em: EntityManager, wanted: Map<string, number>): Promise<ReservationPlan> {
  const variantIds = [...wanted.keys()];
  // Two statements on purpose: one statement's snapshot is taken before it waits for a lock, and
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
  const plan = planReservation(
    wanted,
    levels.map((l) => ({
      variantId: l.variant_id,
      locationId: l.location_id,
      available: l.available,
      isDefault: l.is_default,
    })),
  );
  if (plan.shortfalls.length) throw new InsufficientStock(plan.shortfalls);
  return plan;
}

/**
 * One statement takes the stock, writes the lines and bumps the variants' stock sequence, then the
 * events. The update is conditional: a second line of defence behind the locks and the table's checks.
 */
async function applyPlan(ctx: StockContext, em: EntityManager, id: string, plan: ReservationPlan): Promise<void> {
  const rows = plan.allocations.map((a) => ({
    variant_id: a.variantId,
    location_id: a.locationId,
    quantity: a.quantity,
  }));
  const bumped = await withQuantities(em, rows)
    .with('taken', (db) =>
      db
        .updateTable('inventory.stock_levels as l')
        .from('x')
        .set((eb) => ({ reserved: eb('l.reserved', '+', eb.ref('x.quantity')), updated_at: sql`now()` }))
        .whereRef('l.variant_id', '=', 'x.variant_id')
        .whereRef('l.location_id', '=', 'x.location_id')
        .where((eb) => eb(eb('l.on_hand', '-', eb.ref('l.reserved')), '>=', eb.ref('x.quantity')))
        .returning('l.variant_id'),
    )
    .with('lines', (db) =>
      db
        .insertInto('inventory.reservation_lines')
        .columns(['reservation_id', 'variant_id', 'location_id', 'quantity'])
        .expression((eb) =>
          eb
            .selectFrom('x')
            .select([sql<string>`${id}::uuid`.as('reservation_id'), 'x.variant_id', 'x.location_id', 'x.quantity']),
        ),
    )
    .with('bumped', (db) =>
      db
        .updateTable('inventory.variants')
        .set((eb) => ({ sequence: eb('sequence', '+', 1), updated_at: sql`now()` }))
        .where('variant_id', 'in', (eb) => eb.selectFrom('x').select('x.variant_id'))
        .returning(['variant_id', 'sequence']),
    )
    .selectFrom('bumped as b')
    .select(['b.variant_id', 'b.sequence', sql<number>`(select count(*) from taken)::int`.as('updated')])
    .orderBy('b.variant_id')
    .execute();
  if (bumped[0]?.updated !== plan.allocations.length) throw new Error('stock changed under a held lock');
  await ctx.publishAll(
    em,
    StockChanged,
    bumped.map((b) => {
      const available = plan.availableAfter.get(b.variant_id)!;
      return { variantId: b.variant_id, available, inStock: available > 0, sequence: b.sequence };
    }),
  );
}

function reservationView(
  id: string,
  reference: string,
  wanted: Map<string, number>,
  plan: ReservationPlan,
  createdAt: Date,
): ReservationView {
  const at = new Date(createdAt).toISOString();
  return {
    id,
    reference,
    status: 'reserved',
    createdAt: at,
    updatedAt: at,
    releasedAt: null,
    committedAt: null,
    lines: [...wanted.keys()].map((variantId) => ({
      variantId,
      quantity: wanted.get(variantId)!,
      allocations: plan.allocations
        .filter((a) => a.variantId === variantId)
        .sort((a, b) => (a.locationId < b.locationId ? -1 : 1))
        .map((a) => ({ locationId: a.locationId, quantity: a.quantity })),
    })),
  };
}
