import { query, type EntityManager } from '../../../platform/db/index.ts';
import type { publisherFor } from '../../../platform/host/platform.ts';
import { ReviewRatingChanged, type ProductRating } from '../contract.ts';
import { ratingOf } from '../domain/rating.ts';

export type Publish = ReturnType<typeof publisherFor>;

/**
 * Recounts a product's rating after a change to what is published, in the transaction of that
 * change, and publishes it. The upsert first locks the product's rating row, so two moderations
 * of one product recount one after the other and the later version carries the later count.
 */
export async function recountRating(em: EntityManager, publish: Publish, productId: string): Promise<ProductRating> {
  const [{ version }] = await query<{ version: number }>(
    em,
    `insert into review.ratings (product_id, version, distribution) values ($1, 1, '[0,0,0,0,0]')
     on conflict (product_id) do update set version = review.ratings.version + 1 returning version`,
    [productId],
  );
  const perStar = await query<{ rating: number; n: number }>(
    em,
    `select rating, count(*)::int as n from review.reviews
     where product_id = $1 and status = 'published' group by rating`,
    [productId],
  );
  const stars = [1, 2, 3, 4, 5].map((s) => perStar.find((r) => r.rating === s)?.n ?? 0);
  const rating = ratingOf(productId, version, stars);
  await query(
    em,
    `update review.ratings set count = $2, sum = $3, distribution = $4::jsonb, updated_at = now() where product_id = $1`,
    [productId, rating.count, stars.reduce((a, n, i) => a + n * (i + 1), 0), JSON.stringify(stars)],
  );
  await publish(em, ReviewRatingChanged, rating);
  return rating;
}

/** The product's rating as last counted (all zero before its first published review). */
export async function currentRating(em: EntityManager, productId: string): Promise<ProductRating> {
  const [row] = await query<{ version: number; distribution: number[] }>(
    em,
    'select version, distribution from review.ratings where product_id = $1',
    [productId],
  );
  return ratingOf(productId, row?.version ?? 1, row?.distribution ?? []);
}
