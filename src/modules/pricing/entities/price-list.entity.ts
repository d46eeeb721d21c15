import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Currency } from '../contract.ts';

/** A sale: prices that apply from startsAt until endsAt (either open), to everyone or to one customer group. */
export const PriceList = defineEntity({
  name: 'PricingPriceList',
  schema: 'pricing',
  tableName: 'price_lists',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    name: p.string(),
    description: p.string().nullable(),
    customerGroupId: p.uuid().nullable(),
    startsAt: p.datetime().nullable(),
    endsAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type PriceList = InferEntity<typeof PriceList>;

export const PriceListPrice = defineEntity({
  name: 'PricingPriceListPrice',
  schema: 'pricing',
  tableName: 'price_list_prices',
  properties: {
    priceListId: p.uuid().primary(),
    variantId: p.uuid().primary(),
    currency: p.string().$type<Currency>().primary(),
    amount: p.integer(),
  },
});
export type PriceListPrice = InferEntity<typeof PriceListPrice>;
