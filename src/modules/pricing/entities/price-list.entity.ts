import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { timestamps, uuidv7Id } from '../../../platform/db/index.ts';
import type { Currency } from '../contract.ts';
import { CustomerGroup } from './customer-group.entity.ts';
import { CurrencySetting } from './tax.entity.ts';

const window = '(starts_at IS NULL) OR (ends_at IS NULL) OR (starts_at < ends_at)';

/** A sale: prices that apply from startsAt until endsAt (either open), to everyone or to one customer group. */
export const PriceList = defineEntity({
  name: 'PricingPriceList',
  schema: 'pricing',
  tableName: 'price_lists',
  properties: {
    id: uuidv7Id(),
    name: p.string().length(200),
    description: p.string().length(2000).nullable(),
    // restrict: a deleted group must not silently turn its price lists public.
    customerGroupId: p
      .manyToOne(CustomerGroup)
      .mapToPk()
      .fieldName('customer_group_id')
      .foreignKeyName('price_lists_customer_group_id_fkey')
      .deleteRule('restrict')
      .nullable()
      .index('price_lists_group_idx'),
    startsAt: p.datetime().nullable(),
    endsAt: p.datetime().nullable(),
    ...timestamps(),
  },
  checks: [{ name: 'price_lists_check', expression: window }],
});
export type PriceList = InferEntity<typeof PriceList>;

/** A variant's price in a currency while the list applies. */
export const PriceListPrice = defineEntity({
  name: 'PricingPriceListPrice',
  schema: 'pricing',
  tableName: 'price_list_prices',
  properties: {
    priceListId: p
      .manyToOne(PriceList)
      .mapToPk()
      .fieldName('price_list_id')
      .foreignKeyName('price_list_prices_price_list_id_fkey')
      .deleteRule('cascade')
      .primary(),
    variantId: p.uuid().primary(),
    currency: p
      .manyToOne(CurrencySetting)
      .mapToPk()
      .fieldName('currency')
      .foreignKeyName('price_list_prices_currency_fkey')
      .$type<Currency>()
      .primary(),
    amount: p.integer(),
  },
  indexes: [{ name: 'price_list_prices_variant_idx', properties: ['variantId', 'currency'] }],
  checks: [{ name: 'price_list_prices_amount_check', expression: '(amount >= 0) AND (amount <= 1000000000)' }],
});
export type PriceListPrice = InferEntity<typeof PriceListPrice>;
