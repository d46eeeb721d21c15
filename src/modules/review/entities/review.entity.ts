import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { REVIEW_STATUSES } from '../domain/limits.ts';

/** A customer's review of a product they received: one per (customer, product), edited in place. */
export const Review = defineEntity({
  name: 'Review',
  schema: 'review',
  tableName: 'reviews',
  properties: {
    id: p.uuid().primary(),
    productId: p.uuid(),
    customerId: p.uuid(),
    /** Shown beside the review: the part of the customer's email before the @, cut short. */
    authorName: p.string().length(64),
    rating: p.smallint(),
    title: p.string().length(150),
    body: p.text(),
    photos: p.json<string[]>(),
    status: p.enum(REVIEW_STATUSES),
    rejectReason: p.text().nullable(),
    reply: p.text().nullable(),
    repliedAt: p.datetime().nullable(),
    helpfulCount: p.integer().default(0),
    reportCount: p.integer().default(0),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    publishedAt: p.datetime().nullable(),
  },
  uniques: [{ name: 'reviews_customer_product_key', properties: ['customerId', 'productId'] }],
  indexes: [
    {
      name: 'reviews_published_newest_idx',
      expression:
        "create index reviews_published_newest_idx on review.reviews (product_id, id desc) where status = 'published'",
    },
    {
      name: 'reviews_published_helpful_idx',
      expression:
        "create index reviews_published_helpful_idx on review.reviews (product_id, helpful_count desc, id desc) where status = 'published'",
    },
    {
      name: 'reviews_published_rating_idx',
      expression:
        "create index reviews_published_rating_idx on review.reviews (product_id, rating, id desc) where status = 'published'",
    },
    { name: 'reviews_status_idx', columns: [{ name: 'status' }, { name: 'id', sort: 'desc' }] },
  ],
  checks: [
    { name: 'reviews_rating_check', expression: '((rating >= 1) AND (rating <= 5))' },
    { name: 'reviews_rejected_has_reason', expression: "(status = 'rejected') = (reject_reason is not null)" },
  ],
});
export type Review = InferEntity<typeof Review>;
