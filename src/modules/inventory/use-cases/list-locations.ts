import type { EntityManager } from '../../../platform/db/index.ts';
import { StockLocation } from '../entities/location.entity.ts';

/** Stock locations by id, in keyset pages. */
export async function listLocations(em: EntityManager, q: { limit: number; cursor?: string }) {
  const rows = await em.find(StockLocation, q.cursor ? { id: { $gt: q.cursor } } : {}, {
    orderBy: { id: 'asc' },
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return { items: page, nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
}
