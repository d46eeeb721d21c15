import { query, type EntityManager } from '../../../platform/db/index.ts';
import { publishedReviewFor } from './vote-helpful.ts';

/**
 * A customer reports a review as abusive: one report per account (a repeat replaces its reason),
 * counted on the review so staff can list the reported ones first.
 */
export async function reportReview(
  em: EntityManager,
  id: string,
  customerId: string,
  report: { reason: string; note?: string },
): Promise<{ reportCount: number }> {
  return em.transactional(async (tx) => {
    await publishedReviewFor(tx, id, customerId);
    const [row] = await query<{ inserted: boolean }>(
      tx,
      `insert into review.abuse_reports (review_id, customer_id, reason, note) values ($1, $2, $3, $4)
       on conflict (review_id, customer_id) do update set reason = excluded.reason, note = excluded.note, reported_at = now()
       returning (xmax = 0) as inserted`,
      [id, customerId, report.reason, report.note ?? null],
    );
    const [r] = await query<{ report_count: number }>(
      tx,
      `update review.reviews set report_count = report_count + $2 where id = $1 returning report_count`,
      [id, row.inserted ? 1 : 0],
    );
    return { reportCount: r.report_count };
  });
}
