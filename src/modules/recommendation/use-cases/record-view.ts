import type { EntityManager } from '../../../platform/db/index.ts';
import { VIEWS_KEPT } from '../domain/availability.ts';
import { ProductView } from '../entities/view.entity.ts';

/** Records a shopper's view of a product and keeps only their latest VIEWS_KEPT views. */
export async function recordView(em: EntityManager, shopper: string, productId: string): Promise<void> {
  await em.transactional(async (tx) => {
    await tx
      .qb(ProductView)
      .insert({ shopper, productId, viewedAt: new Date() })
      .onConflict(['shopper', 'productId'])
      .merge(['viewedAt'])
      .execute('run');
    await tx.execute(
      `delete from recommendation.views where shopper = ? and product_id in (
         select product_id from recommendation.views where shopper = ? order by viewed_at desc offset ?)`,
      [shopper, shopper, VIEWS_KEPT],
      'run',
    );
  });
}
