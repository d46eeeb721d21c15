import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Per product and currency, the cheapest and dearest variant price: the listing's sort and price filter. */
export const ListingPrice = defineEntity({
  name: 'ListingPrice',
  schema: 'product',
  tableName: 'listing_prices',
  properties: {
    productId: p.uuid().primary(),
    currency: p.character().length(3).primary(),
    minAmount: p.bigint('number'),
    maxAmount: p.bigint('number'),
  },
  indexes: [{ name: 'listing_prices_sort_idx', properties: ['currency', 'minAmount', 'productId'] }],
});
export type ListingPrice = InferEntity<typeof ListingPrice>;
