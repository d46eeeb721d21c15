import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { PromotionCodeChanged } from '../contract.ts';
import { applyPromotionInput, codeFacts, promotionView, type PromotionInput } from '../domain/promotion.ts';
import { flushPromotion } from '../entities/promotion.data.ts';
import { Promotion } from '../entities/promotion.entity.ts';
import type { Publish } from './republish-shelf-prices.ts';

/** Creates a promotion; a code is announced to carts in the same transaction. */
export async function createPromotion(em: EntityManager, publish: Publish, input: PromotionInput, actor: Actor) {
  return em.transactional(async (tx) => {
    const p = tx.create(Promotion, {
      name: input.name,
      kind: input.kind,
      amounts: {},
      productIds: [],
      categoryIds: [],
      minSubtotal: {},
      oncePerCustomer: false,
      usageCount: 0,
    });
    applyPromotionInput(p, input);
    await flushPromotion(tx, p);
    if (p.code) await publish(tx, PromotionCodeChanged, codeFacts(p.code, p, p.updatedAt.getTime()));
    const after = promotionView(p);
    await recordAudit(publish, tx, actor, {
      action: 'promotion.create',
      resourceType: 'promotion',
      resourceId: p.id,
      before: null,
      after,
    });
    return after;
  });
}
