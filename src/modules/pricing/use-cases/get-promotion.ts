import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { promotionView } from '../domain/promotion.ts';
import { Promotion } from '../entities/promotion.entity.ts';

export async function getPromotion(em: EntityManager, id: string) {
  const p = await em.findOne(Promotion, { id });
  if (!p) throw new NotFound('Promotion');
  return promotionView(p);
}
