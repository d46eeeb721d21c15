// The limits of a review, enforced by the request schema (a 400 naming the field) and the table.
export const REVIEW_LIMITS = {
  titleMax: 150,
  bodyMax: 5000,
  photosMax: 6,
  photoUrlMax: 2048,
  reasonMax: 1000,
  replyMax: 2000,
} as const;

export const REVIEW_STATUSES = ['pending', 'published', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REPORT_REASONS = ['spam', 'offensive', 'off_topic', 'fake', 'other'] as const;
