import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { ReviewRatingChanged } from '../../review/contract.ts';
import { productRuntime } from '../runtime.ts';

/**
 * Keeps the product's rating as the review module published it, for listings and search to sort
 * and filter by. A rating older than the one held is ignored (versions order them); a product
 * this catalog does not have changes nothing.
 */
export const onRatingChanged: Handler<PayloadOf<typeof ReviewRatingChanged>> = async (
  { em, afterCommit },
  { payload: r },
) => {
  const updated = await query(
    em,
    `update product.products set rating_average = $2, rating_count = $3, rating_version = $4
     where id = $1 and rating_version < $4 returning id`,
    [r.productId, r.average, r.count, r.version],
  );
  if (updated.length) afterCommit(() => productRuntime().refreshCacheAndSearch([r.productId], { kind: 'rating' }));
};
