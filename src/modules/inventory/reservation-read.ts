import type { EntityManager } from '../../platform/db/index.ts';

export type ReservationStatus = 'reserved' | 'released' | 'committed';

export interface ReservationView {
  id: string;
  reference: string;
  status: ReservationStatus;
  lines: { variantId: string; quantity: number; allocations: { locationId: string; quantity: number }[] }[];
  createdAt: string;
  updatedAt: string;
  releasedAt: string | null;
  committedAt: string | null;
}

export type ReservationKey = { id: string } | { reference: string };

interface ReservationRow {
  id: string;
  reference: string;
  status: ReservationStatus;
  created_at: Date;
  updated_at: Date;
  released_at: Date | null;
  committed_at: Date | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Reservations with their lines (one per variant, with where each is held). */
async function withLines(em: EntityManager, reservations: ReservationRow[]): Promise<ReservationView[]> {
  if (!reservations.length) return [];
  const rows = await em.execute<
    { reservation_id: string; variant_id: string; location_id: string; quantity: number }[]
  >(
    `select reservation_id, variant_id, location_id, quantity from inventory.reservation_lines
     where reservation_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid)) order by variant_id, location_id`,
    [JSON.stringify(reservations.map((r) => r.id))],
  );
  return reservations.map((r) => {
    const lines = new Map<string, ReservationView['lines'][number]>();
    for (const row of rows) {
      if (row.reservation_id !== r.id) continue;
      const line = lines.get(row.variant_id) ?? { variantId: row.variant_id, quantity: 0, allocations: [] };
      line.quantity += row.quantity;
      line.allocations.push({ locationId: row.location_id, quantity: row.quantity });
      lines.set(row.variant_id, line);
    }
    return {
      id: r.id,
      reference: r.reference,
      status: r.status,
      lines: [...lines.values()],
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
      releasedAt: iso(r.released_at),
      committedAt: iso(r.committed_at),
    };
  });
}

/** One reservation by id or by reference, or null. */
export async function readReservation(em: EntityManager, key: ReservationKey): Promise<ReservationView | null> {
  const rows = await em.execute<ReservationRow[]>(
    `select * from inventory.reservations where ${'id' in key ? 'id' : 'reference'} = ?`,
    ['id' in key ? key.id : key.reference],
  );
  return (await withLines(em, rows))[0] ?? null;
}

/** Newest first, in keyset pages (ids are UUIDv7). */
export async function listReservations(
  em: EntityManager,
  q: { reference?: string; status?: ReservationStatus; limit: number; cursor?: string },
) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.reference) {
    where.push('reference = ?');
    params.push(q.reference);
  }
  if (q.status) {
    where.push('status = ?');
    params.push(q.status);
  }
  if (q.cursor) {
    where.push('id < ?');
    params.push(q.cursor);
  }
  const rows = await em.execute<ReservationRow[]>(
    `select * from inventory.reservations ${where.length ? 'where ' + where.join(' and ') : ''} order by id desc limit ?`,
    [...params, q.limit + 1],
  );
  const page = rows.slice(0, q.limit);
  return { items: await withLines(em, page), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
}
