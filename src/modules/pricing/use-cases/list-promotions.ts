import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { pageOfRows } from '../domain/page.ts';
import { promotionView } from '../domain/promotion.ts';
import { Promotion } from '../entities/promotion.entity.ts';

/** Newest first, a page at a time; `q` matches the name or the code (case-insensitively). */
export async function listPromotions(em: EntityManager, q: { limit: number; cursor?: string; q?: string }) {
  const where: FilterQuery<Promotion> = {};
  if (q.cursor) where.id = { $lt: q.cursor };
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    where.$or = [{ name: { $ilike: like } }, { code: { $ilike: like } }];
  }
  const rows = await em.find(Promotion, where, { orderBy: { id: 'desc' }, limit: q.limit + 1 });
  const { page, nextCursor } = pageOfRows(rows, q.limit);
  return { items: page.map(promotionView), nextCursor };
}
