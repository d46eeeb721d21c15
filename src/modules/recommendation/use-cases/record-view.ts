import type { EntityManager } from '../../../platform/db/index.ts';
import { VIEWS_KEPT } from '../domain/availability.ts';

/** Records a shopper's view of a product and keeps only their latest VIEWS_KEPT views. */
export async function recordView(em: EntityManager, shopper: string, productId: string): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute(
      `insert into recommendation.views (shopper, product_id, viewed_at) values (?, ?, now())
       on conflict (shopper, product_id) do update set viewed_at = excluded.viewed_at`,
      [shopper, productId],
      'run',
    );
    await tx.execute(
      `delete from recommendation.views where shopper = ? and product_id in (
         select product_id from recommendation.views where shopper = ? order by viewed_at desc offset ?)`,
      [shopper, shopper, VIEWS_KEPT],
      'run',
    );
  });
}
