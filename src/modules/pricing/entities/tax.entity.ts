import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Currency } from '../contract.ts';

/** The tax rate of a country, in parts per million (19 % = 190000). */
export const TaxRate = defineEntity({
  name: 'PricingTaxRate',
  schema: 'pricing',
  tableName: 'tax_rates',
  properties: {
    countryCode: p.string().primary(),
    name: p.string().nullable(),
    ratePpm: p.integer(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type TaxRate = InferEntity<typeof TaxRate>;

/** Whether prices in a currency include tax (EUR: yes, USD: no, by default). */
export const CurrencySetting = defineEntity({
  name: 'PricingCurrencySetting',
  schema: 'pricing',
  tableName: 'currency_settings',
  properties: {
    currency: p.string().$type<Currency>().primary(),
    taxInclusive: p.boolean(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type CurrencySetting = InferEntity<typeof CurrencySetting>;
