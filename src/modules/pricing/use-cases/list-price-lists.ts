import type { EntityManager } from '../../../platform/db/index.ts';
import { pageOfRows } from '../domain/page.ts';
import { priceListSummaries } from '../entities/price-list.data.ts';
import { PriceList } from '../entities/price-list.entity.ts';

/** Newest first, a page at a time (the cursor is the last id of the previous page). */
export async function listPriceLists(em: EntityManager, limit: number, cursor?: string) {
  const rows = await em.find(PriceList, cursor ? { id: { $lt: cursor } } : {}, {
    orderBy: { id: 'desc' },
    limit: limit + 1,
  });
  const { page, nextCursor } = pageOfRows(rows, limit);
  return { items: await priceListSummaries(em, page), nextCursor };
}
