import { LockMode } from '@mikro-orm/core';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import type { publisherFor } from '../../../platform/host/platform.ts';
import { ReviewRatingChanged, type ProductRating } from '../contract.ts';
import { ratingOf } from '../domain/rating.ts';
import { Rating } from '../entities/rating.entity.ts';

export type Publish = ReturnType<typeof publisherFor>;

/**
 * Recounts a product's rating after a change to what is published, in the transaction of that
 * change, and publishes it. Its rating row is locked first, so two moderations
 * of one product recount one after the other and the later version carries the later count.
 */
export async function recountRating(em: EntityManager, publish: Publish, productId: string): Promise<ProductRating> {
  await em
    .qb(Rating)
    .insert({ productId, version: 0, count: 0, sum: 0, distribution: [0, 0, 0, 0, 0] })
    .onConflict('productId')
    .ignore()
    .execute('run');
  const row = await em.findOneOrFail(Rating, { productId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const perStar = await query<{ rating: number; n: number }>(
    em,
    `select rating, count(*)::int as n from review.reviews
     where product_id = $1 and status = 'published' group by rating`,
    [productId],
  );
  const stars = [1, 2, 3, 4, 5].map((s) => perStar.find((r) => r.rating === s)?.n ?? 0);
  const rating = ratingOf(productId, row.version + 1, stars);
  em.assign(row, {
    version: rating.version,
    count: rating.count,
    sum: stars.reduce((a, n, i) => a + n * (i + 1), 0),
    distribution: stars,
    updatedAt: new Date(),
  });
  await em.flush();
  await publish(em, ReviewRatingChanged, rating);
  return rating;
}

/** The product's rating as last counted (all zero before its first published review). */
export async function currentRating(em: EntityManager, productId: string): Promise<ProductRating> {
  const row = await em.findOne(Rating, { productId });
  return ratingOf(productId, Math.max(1, row?.version ?? 1), row?.distribution ?? []);
}
