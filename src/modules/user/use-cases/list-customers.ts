import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { User } from '../entities/user.entity.ts';

/** Customers newest first, in keyset pages (UUIDv7 ids sort by creation time), optionally matching `q`. */
export async function listCustomers(
  em: EntityManager,
  { q, limit, cursor }: { q?: string; limit: number; cursor?: string },
): Promise<{ items: User[]; nextCursor: string | null }> {
  const where: FilterQuery<User> = {};
  if (cursor) where.id = { $lt: cursor };
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    where.$or = [{ email: { $ilike: like } }, { firstName: { $ilike: like } }, { lastName: { $ilike: like } }];
  }
  const rows = await em.find(User, where, { orderBy: { id: 'desc' }, limit: limit + 1 });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
