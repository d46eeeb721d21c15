import type { ProductRating } from '../contract.ts';

/** The rating of a product from its published reviews per star (`perStar[0]` is 1 star). */
export function ratingOf(productId: string, version: number, perStar: readonly number[]): ProductRating {
  const stars = [1, 2, 3, 4, 5].map((s) => perStar[s - 1] ?? 0);
  const count = stars.reduce((a, b) => a + b, 0);
  const sum = stars.reduce((a, n, i) => a + n * (i + 1), 0);
  return {
    productId,
    version,
    // Integer arithmetic first, one rounding: 13/3 is 4.33, never 4.330000001.
    average: count === 0 ? 0 : Math.round((sum * 100) / count) / 100,
    count,
    distribution: { 1: stars[0], 2: stars[1], 3: stars[2], 4: stars[3], 5: stars[4] },
  };
}
