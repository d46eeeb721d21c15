import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { CURRENCIES, type Currency } from '../contract.ts';
import { pairsInCurrency } from '../entities/shelf-price.data.ts';
import { CurrencySetting } from '../entities/tax.entity.ts';
import { republishShelfPrices, type Publish } from './republish-shelf-prices.ts';

/**
 * Switches a currency between tax-inclusive and tax-exclusive prices. Every shelf price in that
 * currency carries the flag, so all of them are republished in the same transaction.
 */
export async function setCurrencyTaxMode(
  em: EntityManager,
  publish: Publish,
  currency: Currency,
  taxInclusive: boolean,
  actor: Actor,
) {
  return em.transactional(async (tx) => {
    const previous = await tx.findOne(CurrencySetting, { currency });
    const updated = await tx.nativeUpdate(CurrencySetting, { currency }, { taxInclusive, updatedAt: new Date() });
    if (!updated) throw new NotFound(`Currency ${currency}`);
    await republishShelfPrices(tx, publish, await pairsInCurrency(tx, currency));
    await recordAudit(publish, tx, actor, {
      action: 'currency.setTaxMode',
      resourceType: 'currency',
      resourceId: currency,
      before: { taxInclusive: previous?.taxInclusive ?? null },
      after: { taxInclusive },
    });
    return { currency, exponent: CURRENCIES[currency], taxInclusive };
  });
}
