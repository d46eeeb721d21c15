import type { EntityManager } from '../../../platform/db/index.ts';
import { taxRateView } from '../domain/tax-rate.ts';
import { TaxRate } from '../entities/tax.entity.ts';

export async function listTaxRates(em: EntityManager) {
  return { items: (await em.find(TaxRate, {}, { orderBy: { countryCode: 'asc' } })).map(taxRateView) };
}
