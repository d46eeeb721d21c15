import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { ShippingOption } from '../entities/shipping-option.entity.ts';

export async function getOption(em: EntityManager, id: string): Promise<ShippingOption> {
  const o = await em.findOne(ShippingOption, { id });
  if (!o) throw new NotFound('Shipping option');
  return o;
}
