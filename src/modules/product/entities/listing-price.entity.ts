import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Per product and currency, the listing's read model: the cheapest and dearest variant price (its
 * sort and price filter) and the variants with their price in that currency and stock, as a page shows them.
 */
export const ListingPrice = defineEntity({
  name: 'ListingPrice',
  schema: 'product',
  tableName: 'listing_prices',
  properties: {
    productId: p.uuid().primary(),
    currency: p.character().length(3).primary(),
    minAmount: p.bigint('number'),
    maxAmount: p.bigint('number'),
    /** entities/store-rows.ts VariantRow[], kept by read-models.ts and the price and stock projections. */
    variants: p.json<unknown[]>().columnType('jsonb').default('[]'),
  },
  indexes: [
    { name: 'listing_prices_sort_idx', properties: ['currency', 'minAmount', 'productId'] },
    {
      name: 'listing_prices_newest_idx',
      expression: 'create index listing_prices_newest_idx on product.listing_prices (currency, product_id desc)',
    },
  ],
});
export type ListingPrice = InferEntity<typeof ListingPrice>;
