import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { PromotionCodeChanged } from '../contract.ts';
import { applyPromotionInput, codeFacts, promotionView, type PromotionInput } from '../domain/promotion.ts';
import { flushPromotion } from '../entities/promotion.data.ts';
import { Promotion } from '../entities/promotion.entity.ts';
import type { Publish } from './republish-shelf-prices.ts';

/** Changes a promotion; a renamed code is withdrawn and the new one announced, in the same transaction. */
export async function updatePromotion(
  em: EntityManager,
  publish: Publish,
  id: string,
  patch: Partial<PromotionInput>,
  actor: Actor,
) {
  return em.transactional(async (tx) => {
    const p = await tx.findOne(Promotion, { id });
    if (!p) throw new NotFound('Promotion');
    const previous = promotionView(p);
    const before = p.code ?? null;
    applyPromotionInput(p, patch);
    p.updatedAt = new Date();
    await flushPromotion(tx, p);
    if (before && before.toUpperCase() !== p.code?.toUpperCase())
      await publish(tx, PromotionCodeChanged, codeFacts(before, null, Date.now()));
    if (p.code) await publish(tx, PromotionCodeChanged, codeFacts(p.code, p, p.updatedAt.getTime()));
    const after = promotionView(p);
    await recordAudit(publish, tx, actor, {
      action: 'promotion.update',
      resourceType: 'promotion',
      resourceId: id,
      before: previous,
      after,
    });
    return after;
  });
}
