import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { Currency } from '../contract.ts';
import { assertOnePerCurrency, type Money } from '../domain/per-currency.ts';
import { missingVariants } from '../entities/catalog.data.ts';
import { Price } from '../entities/price.entity.ts';
import { pricingDb } from '../entities/pricing-db.ts';
import { getBasePrices, type VariantPrices } from './get-base-prices.ts';
import { republishShelfPrices, type Publish } from './republish-shelf-prices.ts';

/**
 * Replaces a variant's base prices with the given set (a currency left out loses its price) and
 * publishes the shelf prices that changed, in one transaction.
 */
export async function setBasePrices(
  em: EntityManager,
  publish: Publish,
  variantId: string,
  prices: readonly Money[],
  actor: Actor,
): Promise<VariantPrices> {
  assertOnePerCurrency(prices, 'prices');
  return em.transactional(async (tx) => {
    if ((await missingVariants(tx, [variantId])).length) throw new NotFound(`Variant ${variantId}`);
    const before = await query<{ currency: Currency }>(
      tx,
      'select currency from pricing.prices where variant_id = $1 for update',
      [variantId],
    );
    const previous = await getBasePrices(tx, variantId);
    const kept = prices.map((p) => p.currency);
    await tx.nativeDelete(Price, kept.length ? { variantId, currency: { $nin: kept } } : { variantId });
    if (prices.length) {
      const now = new Date();
      await pricingDb(tx)
        .insertInto('prices')
        .values(prices.map((p) => ({ variant_id: variantId, currency: p.currency, amount: p.amount, updated_at: now })))
        .onConflict((oc) =>
          oc
            .columns(['variant_id', 'currency'])
            .doUpdateSet((eb) => ({ amount: eb.ref('excluded.amount'), updated_at: eb.ref('excluded.updated_at') }))
            .where((eb) => eb('prices.amount', 'is distinct from', eb.ref('excluded.amount'))),
        )
        .execute();
    }
    const currencies = new Set<Currency>([...before.map((b) => b.currency), ...kept]);
    await republishShelfPrices(
      tx,
      publish,
      [...currencies].map((currency) => ({ variantId, currency })),
    );
    const next = await getBasePrices(tx, variantId);
    await recordAudit(publish, tx, actor, {
      action: 'price.set',
      resourceType: 'variantPrices',
      resourceId: variantId,
      before: previous,
      after: next,
    });
    return next;
  });
}
