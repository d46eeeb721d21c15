import { query, type EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { Money } from '../domain/per-currency.ts';
import { findVariant } from '../entities/catalog.data.ts';

export interface VariantPrices {
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  prices: Money[];
}

export async function getBasePrices(em: EntityManager, variantId: string): Promise<VariantPrices> {
  const variant = await findVariant(em, variantId);
  if (!variant) throw new NotFound(`Variant ${variantId}`);
  const prices = await query<Money>(
    em,
    'select currency, amount from pricing.prices where variant_id = $1 order by currency',
    [variantId],
  );
  return {
    variantId,
    productId: variant.productId,
    sku: variant.sku,
    title: variant.title,
    prices: prices.map((p) => ({ currency: p.currency, amount: p.amount })),
  };
}
