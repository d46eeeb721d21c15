import type { EntityManager } from '../../../platform/db/index.ts';
import { pageOfRows } from '../domain/page.ts';
import { groupViews, type GroupView } from '../entities/customer-group.data.ts';
import { CustomerGroup } from '../entities/customer-group.entity.ts';

/** Newest first, a page at a time (the cursor is the last id of the previous page). */
export async function listCustomerGroups(
  em: EntityManager,
  limit: number,
  cursor?: string,
): Promise<{ items: GroupView[]; nextCursor: string | null }> {
  const rows = await em.find(CustomerGroup, cursor ? { id: { $lt: cursor } } : {}, {
    orderBy: { id: 'desc' },
    limit: limit + 1,
  });
  const { page, nextCursor } = pageOfRows(rows, limit);
  return { items: await groupViews(em, page), nextCursor };
}
