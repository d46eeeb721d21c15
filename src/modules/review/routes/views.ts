import { moderationActions } from '../domain/review-status.ts';
import type { Review } from '../entities/review.entity.ts';

const iso = (d: Date) => d.toISOString();

export const storeReviewView = (r: Review) => ({
  id: r.id,
  productId: r.productId,
  authorName: r.authorName,
  verifiedPurchase: true, // (only buyers of a delivered order can write one)
  rating: r.rating,
  title: r.title,
  body: r.body,
  photos: r.photos,
  helpfulCount: r.helpfulCount,
  reply: r.reply && r.repliedAt ? { text: r.reply, repliedAt: iso(r.repliedAt) } : null,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

export const ownReviewView = (r: Review) => ({
  ...storeReviewView(r),
  status: r.status,
  rejectReason: r.rejectReason ?? null,
});

export const staffReviewView = (r: Review) => ({
  ...ownReviewView(r),
  customerId: r.customerId,
  reportCount: r.reportCount,
  publishedAt: r.publishedAt ? iso(r.publishedAt) : null,
  actions: moderationActions(r.status),
});
