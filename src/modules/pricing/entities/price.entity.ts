import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Currency } from '../contract.ts';

/** The base price of a variant in a currency, integer minor units. */
export const Price = defineEntity({
  name: 'PricingPrice',
  schema: 'pricing',
  tableName: 'prices',
  properties: {
    variantId: p.uuid().primary(),
    currency: p.string().$type<Currency>().primary(),
    amount: p.integer(),
    updatedAt: p.datetime(),
  },
});
export type Price = InferEntity<typeof Price>;

/** The last shelf price published for a (variant, currency), with its sequence number. */
export const PublishedPrice = defineEntity({
  name: 'PricingPublishedPrice',
  schema: 'pricing',
  tableName: 'published_prices',
  properties: {
    variantId: p.uuid().primary(),
    currency: p.string().$type<Currency>().primary(),
    amount: p.integer().nullable(),
    originalAmount: p.integer().nullable(),
    taxInclusive: p.boolean(),
    sequence: p.integer(),
    publishedAt: p.datetime(),
  },
});
export type PublishedPrice = InferEntity<typeof PublishedPrice>;
