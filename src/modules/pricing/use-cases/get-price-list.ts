import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { priceListDetail } from '../entities/price-list.data.ts';
import { PriceList } from '../entities/price-list.entity.ts';

export async function getPriceList(em: EntityManager, id: string) {
  const list = await em.findOne(PriceList, { id });
  if (!list) throw new NotFound('Price list');
  return priceListDetail(em, list);
}
