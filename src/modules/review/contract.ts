import { Type, type Static } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';

const Uuid = Type.String({ format: 'uuid' });
const Count = Type.Integer({ minimum: 0 });

/** A product's rating over its published reviews: full state, so a consumer replaces its copy. */
export const ProductRating = Type.Object({
  productId: Uuid,
  /** Increases with every change; a consumer ignores a rating older than the one it holds. */
  version: Type.Integer({ minimum: 1 }),
  /** Mean of the published ratings, rounded to two decimals; 0 when there is none. */
  average: Type.Number({ minimum: 0, maximum: 5 }),
  count: Count,
  /** Published reviews per star (1 to 5). */
  distribution: Type.Object({ 1: Count, 2: Count, 3: Count, 4: Count, 5: Count }),
});
export type ProductRating = Static<typeof ProductRating>;

export const ReviewRatingChanged = defineEvent(
  'review.rating_changed.v1',
  ProductRating,
  "A review was published or withdrawn from publication, which changed its product's rating",
);

export const reviewEvents = [ReviewRatingChanged];
