import { LockMode } from '@mikro-orm/core';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { Forbidden } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { Review } from '../entities/review.entity.ts';
import { recountRating, type Publish } from './recount-rating.ts';

export interface ReviewInput {
  rating: number;
  title: string;
  body: string;
  photos?: string[];
  displayName?: string;
}

/** Did this customer receive this product: bought in a confirmed order of theirs that was delivered. */
async function purchaseOf(em: EntityManager, customerId: string, productId: string) {
  const [row] = await query<{ bought: boolean; delivered: boolean }>(
    em,
    `select count(*) > 0 as bought, count(d.order_id) > 0 as delivered
     from review.purchased_variants pv
     join review.catalog_variants cv on cv.variant_id = pv.variant_id
     left join review.delivered_orders d on d.order_id = pv.order_id
     where pv.customer_id = $1 and cv.product_id = $2`,
    [customerId, productId],
  );
  return row;
}

/**
 * A verified buyer's review, or their edit of it: one per (customer, product). Text is stored as
 * given (escaping is the job of whatever renders it). Any submission waits for moderation again,
 * so an edit of a published review withdraws it and the product's rating is recounted.
 */
export async function submitReview(
  em: EntityManager,
  publish: Publish,
  customerId: string,
  productId: string,
  input: ReviewInput,
): Promise<{ review: Review; created: boolean }> {
  return em.transactional(async (tx) => {
    const purchase = await purchaseOf(tx, customerId, productId);
    if (!purchase.bought) throw new Forbidden('Only a customer who bought this product may review it');
    if (!purchase.delivered) throw new Forbidden('You may review this product once your order has been delivered');
    const fields = {
      rating: input.rating,
      title: input.title,
      body: input.body,
      photos: input.photos ?? [],
      authorName: input.displayName ?? 'Verified buyer',
      status: 'pending' as const,
      rejectReason: null,
      publishedAt: null,
    };
    // Insert-or-nothing first: two first submissions at once meet on the unique key, not in a 500.
    const inserted = await tx
      .qb(Review)
      .insert({ id: uuidv7(), productId, customerId, ...fields })
      .onConflict(['customerId', 'productId'])
      .ignore()
      .execute('run');
    const review = await tx.findOneOrFail(Review, { customerId, productId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (inserted.affectedRows) return { review, created: true };
    const wasPublished = review.status === 'published';
    tx.assign(review, { ...fields, updatedAt: new Date() });
    await tx.flush();
    if (wasPublished) await recountRating(tx, publish, productId);
    return { review, created: false };
  });
}
