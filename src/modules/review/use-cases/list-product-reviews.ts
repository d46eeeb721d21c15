import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { decodeCursor, encodeCursor, type ReviewSort } from '../domain/cursor.ts';
import { Review } from '../entities/review.entity.ts';
import { currentRating } from './recount-rating.ts';

const keyOf: Record<ReviewSort, { key: 'helpfulCount' | 'rating' | null; dir: 'asc' | 'desc' }> = {
  newest: { key: null, dir: 'desc' },
  helpful: { key: 'helpfulCount', dir: 'desc' },
  rating: { key: 'rating', dir: 'desc' },
  rating_asc: { key: 'rating', dir: 'asc' },
};

/**
 * A product's published reviews, one page in the chosen order (ties: newest first), by keyset:
 * the cursor holds the last review's sort key and id, so pages neither skip nor repeat while
 * reviews are added. Ids are UUIDv7, so id order is creation order.
 */
export async function listProductReviews(
  em: EntityManager,
  productId: string,
  q: { sort?: ReviewSort; limit?: number; cursor?: string },
) {
  const sort = q.sort ?? 'newest';
  const limit = q.limit ?? 20;
  const { key, dir } = keyOf[sort];
  const where: FilterQuery<Review> = { productId, status: 'published' };
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    if (!key || c.key === null) where.id = { $lt: c.id };
    else where.$or = [{ [key]: dir === 'desc' ? { $lt: c.key } : { $gt: c.key } }, { [key]: c.key, id: { $lt: c.id } }];
  }
  const rows = await em.find(Review, where, {
    orderBy: key ? [{ [key]: dir }, { id: 'desc' }] : [{ id: 'desc' }],
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ key: key ? last[key] : null, id: last.id }) : null;
  return { items, nextCursor, rating: await currentRating(em, productId) };
}
