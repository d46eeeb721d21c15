import { execute, type EntityManager } from '../../../platform/db/index.ts';
import { getInventory } from './get-inventory.ts';

export interface InventoryQuery {
  productId?: string;
  includeDeleted?: boolean;
  limit: number;
  cursor?: string;
}

/** A page of variants (newest first is meaningless for stock, so by id), optionally of one product. */
export async function listInventory(em: EntityManager, q: InventoryQuery) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.productId) {
    where.push('product_id = ?');
    params.push(q.productId);
  }
  if (!q.includeDeleted) where.push('deleted_at is null');
  if (q.cursor) {
    where.push('variant_id > ?');
    params.push(q.cursor);
  }
  const rows = await execute<{ variant_id: string }>(
    em,
    `select variant_id from inventory.variants ${where.length ? 'where ' + where.join(' and ') : ''} order by variant_id limit ?`,
    [...params, q.limit + 1],
  );
  const page = rows.slice(0, q.limit).map((r) => r.variant_id);
  return { items: await getInventory(em, page), nextCursor: rows.length > q.limit ? page[page.length - 1] : null };
}
