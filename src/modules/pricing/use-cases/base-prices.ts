import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest, NotFound } from '../../../platform/http/errors.ts';
import type { Currency } from '../contract.ts';
import { missingVariants } from '../catalog.ts';
import { republishShelfPrices, type Publish } from '../shelf-prices.ts';

export interface Money {
  currency: Currency;
  amount: number;
}

export interface VariantPrices {
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  prices: Money[];
}

/** Rejects a second entry for one currency (the set is per currency). */
export function assertOnePerCurrency(entries: readonly { currency: string }[], field: string): void {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.currency)) {
      throw new BadRequest(`${field} lists ${e.currency} more than once`, {
        errors: [{ field: `${field}.${i}.currency`, message: 'is a duplicate' }],
      });
    }
    seen.add(e.currency);
  });
}

export async function getBasePrices(em: EntityManager, variantId: string): Promise<VariantPrices> {
  const [variant] = await em.execute<{ product_id: string; sku: string; title: string }[]>(
    'select product_id, sku, title from pricing.variants where variant_id = ?',
    [variantId],
  );
  if (!variant) throw new NotFound(`Variant ${variantId}`);
  const prices = await em.execute<{ currency: Currency; amount: number }[]>(
    'select currency, amount from pricing.prices where variant_id = ? order by currency',
    [variantId],
  );
  return {
    variantId,
    productId: variant.product_id,
    sku: variant.sku,
    title: variant.title,
    prices: prices.map((p) => ({ currency: p.currency, amount: p.amount })),
  };
}

/**
 * Replaces a variant's base prices with the given set (a currency left out loses its price) and
 * publishes the shelf prices that changed, in one transaction.
 */
export async function setBasePrices(
  em: EntityManager,
  publish: Publish,
  variantId: string,
  prices: readonly Money[],
): Promise<VariantPrices> {
  assertOnePerCurrency(prices, 'prices');
  return em.transactional(async (tx) => {
    if ((await missingVariants(tx, [variantId])).length) throw new NotFound(`Variant ${variantId}`);
    const before = await tx.execute<{ currency: Currency }[]>(
      'select currency from pricing.prices where variant_id = ? for update',
      [variantId],
    );
    await tx.execute(
      `delete from pricing.prices where variant_id = ? and currency not in (select jsonb_array_elements_text(?::jsonb))`,
      [variantId, JSON.stringify(prices.map((p) => p.currency))],
    );
    if (prices.length) {
      await tx.execute(
        `insert into pricing.prices as p (variant_id, currency, amount, updated_at)
         select ?::uuid, x.currency, x.amount, now() from jsonb_to_recordset(?::jsonb) as x(currency text, amount integer)
         on conflict (variant_id, currency) do update set amount = excluded.amount, updated_at = now()
           where p.amount is distinct from excluded.amount`,
        [variantId, JSON.stringify(prices)],
      );
    }
    const currencies = new Set<Currency>([...before.map((b) => b.currency), ...prices.map((p) => p.currency)]);
    await republishShelfPrices(
      tx,
      publish,
      [...currencies].map((currency) => ({ variantId, currency })),
    );
    return getBasePrices(tx, variantId);
  });
}
