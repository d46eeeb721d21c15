import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { taxRateView } from '../domain/tax-rate.ts';
import { TaxRate } from '../entities/tax.entity.ts';
import type { Publish } from './republish-shelf-prices.ts';

export async function deleteTaxRate(em: EntityManager, publish: Publish, countryCode: string, actor: Actor) {
  await em.transactional(async (tx) => {
    const previous = await tx.findOne(TaxRate, { countryCode });
    if (!previous) throw new NotFound(`Tax rate for ${countryCode}`);
    await tx.nativeDelete(TaxRate, { countryCode });
    await recordAudit(publish, tx, actor, {
      action: 'taxRate.delete',
      resourceType: 'taxRate',
      resourceId: countryCode,
      before: taxRateView(previous),
      after: null,
    });
  });
}
