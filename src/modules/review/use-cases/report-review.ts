import type { EntityManager } from '../../../platform/db/index.ts';
import { AbuseReport } from '../entities/report.entity.ts';
import { lockPublishedReview } from './vote-helpful.ts';

/**
 * A customer reports a review as abusive: one report per account (a repeat replaces its reason),
 * counted on the review so staff can list the reported ones.
 */
export async function reportReview(
  em: EntityManager,
  id: string,
  customerId: string,
  report: { reason: AbuseReport['reason']; note?: string },
): Promise<{ reportCount: number }> {
  return em.transactional(async (tx) => {
    const review = await lockPublishedReview(tx, id, customerId);
    await tx
      .qb(AbuseReport)
      .insert({ reviewId: id, customerId, reason: report.reason, note: report.note ?? null, reportedAt: new Date() })
      .onConflict(['reviewId', 'customerId'])
      .merge(['reason', 'note', 'reportedAt'])
      .execute('run');
    review.reportCount = await tx.count(AbuseReport, { reviewId: id });
    await tx.flush();
    return { reportCount: review.reportCount };
  });
}
