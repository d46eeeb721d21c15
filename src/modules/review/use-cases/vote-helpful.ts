import { query, type EntityManager } from '../../../platform/db/index.ts';
import { Forbidden, NotFound } from '../../../platform/http/errors.ts';

/** A published review another customer may vote on or report; a 404 for any other (unpublished ones stay unseen). */
export async function publishedReviewFor(em: EntityManager, id: string, customerId: string) {
  const [r] = await query<{ customer_id: string }>(
    em,
    `select customer_id from review.reviews where id = $1 and status = 'published' for share`,
    [id],
  );
  if (!r) throw new NotFound('Review');
  if (r.customer_id === customerId) throw new Forbidden('This is your own review');
}

/**
 * "Helpful" (or taking it back): one vote per account, so a repeat changes nothing. The count on
 * the review moves with the vote row in one transaction, and the helpful sort reads it.
 */
export async function voteHelpful(
  em: EntityManager,
  id: string,
  customerId: string,
  helpful: boolean,
): Promise<{ helpfulCount: number; voted: boolean }> {
  return em.transactional(async (tx) => {
    await publishedReviewFor(tx, id, customerId);
    const changed = helpful
      ? await query(
          tx,
          `insert into review.helpful_votes (review_id, customer_id) values ($1, $2) on conflict do nothing returning 1`,
          [id, customerId],
        )
      : await query(tx, `delete from review.helpful_votes where review_id = $1 and customer_id = $2 returning 1`, [
          id,
          customerId,
        ]);
    const [r] = await query<{ helpful_count: number }>(
      tx,
      `update review.reviews set helpful_count = helpful_count + $2 where id = $1 returning helpful_count`,
      [id, changed.length ? (helpful ? 1 : -1) : 0],
    );
    return { helpfulCount: r.helpful_count, voted: helpful };
  });
}
