import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The shelf price of a variant in a currency, projected from pricing's events. Keyed by variant
 * id without a foreign key: an event may arrive before or after the variant it names.
 */
export const VariantPrice = defineEntity({
  name: 'VariantPrice',
  schema: 'product',
  tableName: 'variant_prices',
  properties: {
    variantId: p.uuid().primary(),
    currency: p.character().length(3).primary(),
    amount: p.bigint('number').nullable(),
    originalAmount: p.bigint('number').nullable(),
    taxInclusive: p.boolean().default(true),
    /** pricing's sequence: an older one than the one held is ignored. */
    sequence: p.bigint('number'),
  },
});
export type VariantPrice = InferEntity<typeof VariantPrice>;
