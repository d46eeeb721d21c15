import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Currency } from '../contract.ts';
import { CurrencySetting } from './tax.entity.ts';

/** The base price of a variant in a currency, integer minor units. */
export const Price = defineEntity({
  name: 'PricingPrice',
  schema: 'pricing',
  tableName: 'prices',
  properties: {
    variantId: p.uuid().primary(),
    currency: p
      .manyToOne(CurrencySetting)
      .mapToPk()
      .fieldName('currency')
      .foreignKeyName('prices_currency_fkey')
      .$type<Currency>()
      .primary(),
    amount: p.integer(),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  checks: [{ name: 'prices_amount_check', expression: '(amount >= 0) AND (amount <= 1000000000)' }],
});
export type Price = InferEntity<typeof Price>;

/** The last shelf price published for a (variant, currency), with its sequence number. */
export const PublishedPrice = defineEntity({
  name: 'PricingPublishedPrice',
  schema: 'pricing',
  tableName: 'published_prices',
  properties: {
    variantId: p.uuid().primary(),
    currency: p.string().$type<Currency>().columnType('char(3)').primary(),
    amount: p.integer().nullable(),
    originalAmount: p.integer().nullable(),
    taxInclusive: p.boolean(),
    sequence: p.integer(),
    publishedAt: p.datetime().defaultRaw('now()'),
  },
  checks: [{ name: 'published_prices_sequence_check', expression: 'sequence >= 1' }],
});
export type PublishedPrice = InferEntity<typeof PublishedPrice>;
