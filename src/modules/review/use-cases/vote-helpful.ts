import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { Forbidden, NotFound } from '../../../platform/http/errors.ts';
import { Review } from '../entities/review.entity.ts';
import { HelpfulVote } from '../entities/vote.entity.ts';

/**
 * A published review another customer may vote on or report, locked for the rest of the
 * transaction (so its counts are recounted one vote or report at a time); a 404 for any other
 * (unpublished ones stay unseen).
 */
export async function lockPublishedReview(em: EntityManager, id: string, customerId: string): Promise<Review> {
  const r = await em.findOne(Review, { id, status: 'published' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!r) throw new NotFound('Review');
  if (r.customerId === customerId) throw new Forbidden('This is your own review');
  return r;
}

/**
 * "Helpful" (or taking it back): one vote per account, so a repeat changes nothing. The count on
 * the review is recounted from the votes in the same transaction; the helpful sort reads it.
 */
export async function voteHelpful(
  em: EntityManager,
  id: string,
  customerId: string,
  helpful: boolean,
): Promise<{ helpfulCount: number; voted: boolean }> {
  return em.transactional(async (tx) => {
    const review = await lockPublishedReview(tx, id, customerId);
    if (helpful)
      await tx
        .qb(HelpfulVote)
        .insert({ reviewId: id, customerId })
        .onConflict(['reviewId', 'customerId'])
        .ignore()
        .execute('run');
    else await tx.nativeDelete(HelpfulVote, { reviewId: id, customerId });
    review.helpfulCount = await tx.count(HelpfulVote, { reviewId: id });
    await tx.flush();
    return { helpfulCount: review.helpfulCount, voted: helpful };
  });
}
