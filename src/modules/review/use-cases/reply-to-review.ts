import type { EntityManager } from '../../../platform/db/index.ts';
import type { Review } from '../entities/review.entity.ts';
import { lockReview } from './moderate-review.ts';

/** The shop's public answer under a review (replaces an earlier one; null removes it). */
export async function replyToReview(em: EntityManager, id: string, text: string | null): Promise<Review> {
  return em.transactional(async (tx) => {
    const r = await lockReview(tx, id);
    r.reply = text;
    r.repliedAt = text === null ? null : new Date();
    r.updatedAt = new Date();
    await tx.flush();
    return r;
  });
}
