import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { ShipmentStatus } from '../domain/shipment-status.ts';
import { Shipment } from '../entities/shipment.entity.ts';

/** Newest first, in keyset pages (ids are UUIDv7). */
export async function listShipments(
  em: EntityManager,
  q: { orderId?: string; status?: ShipmentStatus; limit: number; cursor?: string },
): Promise<{ items: Shipment[]; nextCursor: string | null }> {
  const where: FilterQuery<Shipment> = {};
  if (q.orderId) where.orderId = q.orderId;
  if (q.status) where.status = q.status;
  if (q.cursor) where.id = { $lt: q.cursor };
  const rows = await em.find(Shipment, where, { orderBy: { id: 'desc' }, limit: q.limit + 1 });
  const items = rows.slice(0, q.limit);
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1].id : null };
}
