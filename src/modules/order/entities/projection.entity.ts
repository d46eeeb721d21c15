import { defineEntity, p } from '@mikro-orm/core';
import type { ShippingOptionSnapshot } from '../../shipping/contract.ts';

// The order module's projections of other modules' data, fed by their events: what carts may hold,
// at what price, how many are on the shelf, how they ship, which promotion codes exist.

/** A variant carts may hold (a newer product snapshot replaces an older one). */
export const Variant = defineEntity({
  name: 'OrderVariant',
  schema: 'order',
  tableName: 'variants',
  indexes: [{ name: 'variants_product_idx', properties: ['productId'] }],
  properties: {
    variantId: p.uuid().primary(),
    productId: p.uuid(),
    sku: p.text(),
    title: p.text(),
    weightGrams: p.integer().nullable(),
    sellable: p.boolean(),
    productVersion: p.integer(),
  },
});

/** A variant's price in one currency; the newest sequence wins. */
export const VariantPrice = defineEntity({
  name: 'OrderVariantPrice',
  schema: 'order',
  tableName: 'variant_prices',
  properties: {
    variantId: p.uuid().primary(),
    currency: p.string().columnType('char(3)').primary(),
    amount: p.bigint('number').nullable(),
    sequence: p.bigint('number'),
  },
});

/** What is on the shelf for a variant; the newest sequence wins. */
export const VariantStock = defineEntity({
  name: 'OrderVariantStock',
  schema: 'order',
  tableName: 'variant_stock',
  properties: {
    variantId: p.uuid().primary(),
    available: p.integer(),
    sequence: p.bigint('number'),
  },
});

/** A shipping option as shipping publishes it (its rates are worked out from the snapshot). */
export const ShippingOption = defineEntity({
  name: 'OrderShippingOption',
  schema: 'order',
  tableName: 'shipping_options',
  properties: {
    optionId: p.uuid().primary(),
    version: p.integer(),
    snapshot: p.json<ShippingOptionSnapshot>(),
  },
});

/** A promotion code as pricing publishes it, so a cart accepts or refuses a code when it is entered. */
export const PromotionCode = defineEntity({
  name: 'OrderPromotionCode',
  schema: 'order',
  tableName: 'promotion_codes',
  properties: {
    code: p.text().primary(),
    promotionId: p.uuid(),
    name: p.text(),
    active: p.boolean(),
    startsAt: p.datetime().nullable(),
    endsAt: p.datetime().nullable(),
    oncePerCustomer: p.boolean(),
    minSubtotal: p.json<{ currency: string; amount: number }[]>(),
    version: p.bigint('number'),
  },
});
