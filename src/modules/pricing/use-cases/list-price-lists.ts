import type { EntityManager } from '../../../platform/db/index.ts';
import { priceListSummary } from '../entities/price-list.data.ts';
import { PriceList } from '../entities/price-list.entity.ts';

/** Newest first, a page at a time (the cursor is the last id of the previous page). */
export async function listPriceLists(em: EntityManager, limit: number, cursor?: string) {
  const rows = await em.find(PriceList, cursor ? { id: { $lt: cursor } } : {}, {
    orderBy: { id: 'desc' },
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const items = [];
  for (const l of page) items.push(await priceListSummary(em, l));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
