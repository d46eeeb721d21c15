import type { EntityManager } from '../../../platform/db/index.ts';
import { available } from '../domain/availability.ts';

/** A shopper's own recently viewed products, newest first, that may still be recommended. */
export async function recentlyViewed(
  em: EntityManager,
  shopper: string,
  limit: number,
): Promise<{ productId: string; viewedAt: string }[]> {
  const rows = await em.execute<{ product_id: string; viewed_at: Date }[]>(
    `select w.product_id, w.viewed_at from recommendation.views w
     join recommendation.products p on p.product_id = w.product_id
     where w.shopper = ? and ${available('p')} order by w.viewed_at desc limit ?`,
    [shopper, limit],
    'all',
  );
  return rows.map((r) => ({ productId: r.product_id, viewedAt: new Date(r.viewed_at).toISOString() }));
}
