import type { EntityManager } from '../../../platform/db/index.ts';
import { ShippingOption } from '../entities/shipping-option.entity.ts';

/** Options by code; retired ones only when asked for. */
export const listOptions = (em: EntityManager, includeRetired: boolean): Promise<ShippingOption[]> =>
  em.find(ShippingOption, includeRetired ? {} : { retiredAt: null }, { orderBy: { code: 'asc', id: 'asc' } });
