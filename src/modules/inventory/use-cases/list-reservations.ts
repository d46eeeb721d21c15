import { execute, type EntityManager } from '../../../platform/db/index.ts';
import { withLines, type ReservationRow, type ReservationStatus } from '../entities/reservation-reads.ts';

export interface ReservationQuery {
  reference?: string;
  status?: ReservationStatus;
  limit: number;
  cursor?: string;
}

/** Newest first, in keyset pages (ids are UUIDv7). */
export async function listReservations(em: EntityManager, q: ReservationQuery) {
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
  const rows = await execute<ReservationRow>(
    em,
    `select * from inventory.reservations ${where.length ? 'where ' + where.join(' and ') : ''} order by id desc limit ?`,
    [...params, q.limit + 1],
  );
  const page = rows.slice(0, q.limit);
  return { items: await withLines(em, page), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
}
