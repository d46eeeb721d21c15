import type { EntityManager } from '../../../platform/db/index.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import type { ReviewStatus } from '../domain/limits.ts';
import { Review } from '../entities/review.entity.ts';

export interface StaffReviewQuery {
  status?: ReviewStatus;
  productId?: string;
  /** Only reviews someone reported. */
  reported?: boolean;
  limit?: number;
  cursor?: string;
}

/** What staff filter reviews by, plus where the previous page ended. */
export interface StaffWhere {
  status?: ReviewStatus;
  productId?: string;
  reportCount?: { $gt: number };
  id?: { $lt: string };
}

export function staffFilter(q: StaffReviewQuery): StaffWhere {
  const where: StaffWhere = {};
  if (q.status) where.status = q.status;
  if (q.productId) where.productId = q.productId;
  if (q.reported) where.reportCount = { $gt: 0 };
  return where;
}

/** The moderation queue: reviews newest first, filtered by status, product or reports. */
export async function listReviews(em: EntityManager, q: StaffReviewQuery) {
  const limit = q.limit ?? 50;
  const where = staffFilter(q);
  if (q.cursor) where.id = { $lt: decodeCursor(q.cursor).id };
  const rows = await em.find(Review, where, { orderBy: { id: 'desc' }, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ key: null, id: last.id }) : null };
}

/** One review, whatever its status (staff). */
export async function getReview(em: EntityManager, id: string): Promise<Review | null> {
  return em.findOne(Review, { id });
}
