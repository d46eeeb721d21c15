import type { EntityManager } from '../../../platform/db/index.ts';
import { csvLine } from '../domain/csv.ts';
import { Review } from '../entities/review.entity.ts';
import { staffFilter, type StaffReviewQuery } from './list-reviews.ts';

const HEADER = ['id', 'product_id', 'customer_id', 'status', 'rating', 'title', 'body', 'photos', 'helpful', 'reports'];
const PAGE = 500;

/**
 * Reviews as CSV for staff (a spreadsheet), newest first, read a page at a time. Every field goes
 * through csvField: quoted as RFC 4180 says and defused of spreadsheet formulas.
 */
export async function* exportReviews(em: EntityManager, q: StaffReviewQuery): AsyncGenerator<string> {
  yield csvLine(HEADER);
  let after: string | undefined;
  for (;;) {
    const where = staffFilter(q);
    if (after) where.id = { $lt: after };
    const rows = await em.find(Review, where, { orderBy: { id: 'desc' }, limit: PAGE });
    for (const r of rows)
      yield csvLine([
        r.id,
        r.productId,
        r.customerId,
        r.status,
        r.rating,
        r.title,
        r.body,
        r.photos.join(' '),
        r.helpfulCount,
        r.reportCount,
      ]);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].id;
    em.clear();
  }
}
