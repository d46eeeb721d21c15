import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Currency } from '../contract.ts';

/** The tax rate of a country, in parts per million (19 % = 190000). */
export const TaxRate = defineEntity({
  name: 'PricingTaxRate',
  schema: 'pricing',
  tableName: 'tax_rates',
  properties: {
    countryCode: p.string().columnType('char(2)').primary(),
    name: p.string().length(100).nullable(),
    ratePpm: p.integer(),
    updatedAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  checks: [
    { name: 'tax_rates_country_code_check', expression: "country_code ~ '^[A-Z]{2}$'::text" },
    { name: 'tax_rates_rate_ppm_check', expression: '(rate_ppm >= 0) AND (rate_ppm <= 1000000)' },
  ],
});
export type TaxRate = InferEntity<typeof TaxRate>;

/** Whether prices in a currency include tax (EUR: yes, USD: no, by default). */
export const CurrencySetting = defineEntity({
  name: 'PricingCurrencySetting',
  schema: 'pricing',
  tableName: 'currency_settings',
  properties: {
    currency: p.string().$type<Currency>().columnType('char(3)').primary(),
    taxInclusive: p.boolean(),
    updatedAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type CurrencySetting = InferEntity<typeof CurrencySetting>;
