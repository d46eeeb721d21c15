import type { ShippingOptionSnapshot } from '../contract.ts';
import type { ShippingOption } from '../entities/shipping-option.entity.ts';

/** The snapshot every change publishes: the full state, so a consumer replaces its copy. */
export const snapshotOf = (o: ShippingOption): ShippingOptionSnapshot => ({
  optionId: o.id,
  version: o.version,
  name: o.name,
  code: o.code,
  active: o.active,
  countries: [...o.countries],
  rates: o.rates.map((r) => ({ ...r })),
});
