import type { EntityManager } from '../../../platform/db/index.ts';
import { VIEWS_KEPT } from '../domain/availability.ts';
import { recommendationDb } from '../entities/db.ts';
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
    await recommendationDb(tx)
      .deleteFrom('recommendation.views')
      .where('shopper', '=', shopper)
      .where('product_id', 'in', (eb) =>
        eb
          .selectFrom('recommendation.views')
          .select('product_id')
          .where('shopper', '=', shopper)
          .orderBy('viewed_at', 'desc')
          .offset(VIEWS_KEPT),
      )
      .execute();
  });
}
