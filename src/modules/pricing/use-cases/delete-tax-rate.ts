import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { TaxRate } from '../entities/tax.entity.ts';

export async function deleteTaxRate(em: EntityManager, countryCode: string): Promise<void> {
  if (!(await em.nativeDelete(TaxRate, { countryCode }))) throw new NotFound(`Tax rate for ${countryCode}`);
}
