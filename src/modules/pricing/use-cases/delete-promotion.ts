import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { PromotionCodeChanged } from '../contract.ts';
import { codeFacts, promotionView } from '../domain/promotion.ts';
import { Promotion } from '../entities/promotion.entity.ts';
import type { Publish } from './republish-shelf-prices.ts';

/** Deleting a promotion deletes its redemption records too; orders keep their own copy of what they were given. */
export async function deletePromotion(em: EntityManager, publish: Publish, id: string, actor: Actor): Promise<void> {
  await em.transactional(async (tx) => {
    const p = await tx.findOne(Promotion, { id });
    if (!p) throw new NotFound('Promotion');
    await tx.nativeDelete(Promotion, { id });
    if (p.code) await publish(tx, PromotionCodeChanged, codeFacts(p.code, null, Date.now()));
    await recordAudit(publish, tx, actor, {
      action: 'promotion.delete',
      resourceType: 'promotion',
      resourceId: id,
      before: promotionView(p),
      after: null,
    });
  });
}
