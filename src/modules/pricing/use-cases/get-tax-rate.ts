import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { taxRateView, type TaxRateView } from '../domain/tax-rate.ts';
import { TaxRate } from '../entities/tax.entity.ts';

export async function getTaxRate(em: EntityManager, countryCode: string): Promise<TaxRateView> {
  const t = await em.findOne(TaxRate, { countryCode });
  if (!t) throw new NotFound(`Tax rate for ${countryCode}`);
  return taxRateView(t);
}
