import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { moderate, type ModerationAction } from '../domain/review-status.ts';
import { Review } from '../entities/review.entity.ts';
import { recountRating, type Publish } from './recount-rating.ts';

/** The review, locked for the rest of the transaction; a 404 when there is none. */
export async function lockReview(em: EntityManager, id: string): Promise<Review> {
  const r = await em.findOne(Review, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!r) throw new NotFound('Review');
  return r;
}

/**
 * Staff publish a review, or reject it with a reason the customer sees. Publication (either way)
 * changes the product's rating, which is recounted and published in the same transaction.
 */
export async function moderateReview(
  em: EntityManager,
  publish: Publish,
  id: string,
  action: ModerationAction,
  reason?: string,
): Promise<Review> {
  return em.transactional(async (tx) => {
    const r = await lockReview(tx, id);
    const wasPublished = r.status === 'published';
    r.status = moderate(r.status, action);
    r.rejectReason = action === 'reject' ? (reason ?? '') : null;
    r.publishedAt = action === 'publish' ? new Date() : null;
    r.updatedAt = new Date();
    await tx.flush();
    if (wasPublished || r.status === 'published') await recountRating(tx, publish, r.productId);
    return r;
  });
}
