import { execute, type EntityManager } from '../../../platform/db/index.ts';

import type { ReservationStatus } from '../domain/reservation-status.ts';

export type { ReservationStatus };

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

export interface ReservationRow {
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
export async function withLines(em: EntityManager, reservations: ReservationRow[]): Promise<ReservationView[]> {
  if (!reservations.length) return [];
  const rows = await execute<{ reservation_id: string; variant_id: string; location_id: string; quantity: number }>(
    em,
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

/** The reservation rows of one id or reference (none or one). */
export const reservationRowsByKey = (em: EntityManager, key: ReservationKey) =>
  execute<ReservationRow>(em, `select * from inventory.reservations where ${'id' in key ? 'id' : 'reference'} = ?`, [
    'id' in key ? key.id : key.reference,
  ]);
