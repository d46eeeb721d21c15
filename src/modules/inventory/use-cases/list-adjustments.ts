import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { StockAdjustment } from '../entities/adjustment.entity.ts';
import { InventoryVariant } from '../entities/catalog.entity.ts';

export interface AdjustmentQuery {
  limit: number;
  cursor?: string;
  locationId?: string;
}

/** The on-hand ledger of a variant, newest first, in keyset pages (ids are UUIDv7: they sort by time). */
export async function listAdjustments(em: EntityManager, variantId: string, q: AdjustmentQuery) {
  if (!(await em.count(InventoryVariant, { variantId }))) throw new NotFound('Variant');
  const rows = await em.find(
    StockAdjustment,
    {
      variantId,
      ...(q.locationId ? { locationId: q.locationId } : {}),
      ...(q.cursor ? { id: { $lt: q.cursor } } : {}),
    },
    { orderBy: { id: 'desc' }, limit: q.limit + 1 },
  );
  const page = rows.slice(0, q.limit);
  return { items: page, nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
}
