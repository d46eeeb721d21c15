// Request and response schemas of the review routes. Every input has a limit (a 400 names the field).
import { Type, type TSchema } from 'typebox';
import { ProductRating } from '../contract.ts';
import { REVIEW_SORTS } from '../domain/cursor.ts';
import { REPORT_REASONS, REVIEW_LIMITS as L, REVIEW_STATUSES } from '../domain/limits.ts';

/** A string from a fixed set, as a plain JSON-schema enum (its error names the allowed values). */
const oneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const Cursor = Type.String({ maxLength: 200, description: 'nextCursor of the previous page' });

export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')]));
export const IdParam = Type.Object({ id: Uuid });

export const ReviewBody = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5, description: 'Stars, 1 to 5' }),
    title: Type.String({ minLength: 1, maxLength: L.titleMax }),
    body: Type.String({ minLength: 1, maxLength: L.bodyMax, description: 'Plain text, stored as given' }),
    photos: Type.Optional(
      Type.Array(Type.String({ format: 'uri', pattern: '^https?://', maxLength: L.photoUrlMax }), {
        maxItems: L.photosMax,
        uniqueItems: true,
        description: 'http(s) URLs of photos the customer took',
      }),
    ),
    displayName: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Shown as the author (default "Verified buyer")' }),
    ),
  },
  { additionalProperties: false },
);

export const ReviewListQuery = Type.Object({
  sort: Type.Optional(oneOf(REVIEW_SORTS, 'newest (default), helpful (most votes), rating (best), rating_asc')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Cursor),
});

export const ReportBody = Type.Object(
  {
    reason: oneOf(REPORT_REASONS),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: L.reasonMax })),
  },
  { additionalProperties: false },
);

export const RejectBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: L.reasonMax, description: 'Shown to the customer' }) },
  { additionalProperties: false },
);
export const ReplyBody = Type.Object(
  { text: nullable(Type.String({ minLength: 1, maxLength: L.replyMax, description: 'null removes the reply' })) },
  { additionalProperties: false },
);

export const StaffReviewQuery = Type.Object({
  status: Type.Optional(oneOf(REVIEW_STATUSES)),
  productId: Type.Optional(Uuid),
  reported: Type.Optional(Type.Boolean({ description: 'Only reviews someone reported' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Cursor),
});

const Reply = nullable(Type.Object({ text: Type.String(), repliedAt: Timestamp }));

/** A review as shoppers see it (published ones only). */
export const StoreReviewOut = Type.Object({
  id: Uuid,
  productId: Uuid,
  authorName: Type.String(),
  verifiedPurchase: Type.Boolean(),
  rating: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  photos: Type.Array(Type.String()),
  helpfulCount: Type.Integer(),
  reply: Reply,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** The author's own view: also its moderation state. */
export const OwnReviewOut = Type.Object({
  ...StoreReviewOut.properties,
  status: oneOf(REVIEW_STATUSES),
  rejectReason: nullable(Type.String()),
});

/** The staff view: everything. */
export const StaffReviewOut = Type.Object({
  ...OwnReviewOut.properties,
  customerId: Uuid,
  reportCount: Type.Integer(),
  publishedAt: nullable(Timestamp),
  actions: Type.Array(oneOf(['publish', 'reject'] as const)),
});

export const ReviewPage = Type.Object({
  items: Type.Array(StoreReviewOut),
  nextCursor: nullable(Type.String()),
  rating: ProductRating,
});
export const StaffReviewPage = Type.Object({ items: Type.Array(StaffReviewOut), nextCursor: nullable(Type.String()) });
