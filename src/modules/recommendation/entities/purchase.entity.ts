import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A variant of a confirmed order (order.confirmed.v1): the stored fact a rebuild recomputes from. */
export const OrderVariant = defineEntity({
  name: 'OrderVariant',
  schema: 'recommendation',
  tableName: 'order_variants',
  properties: {
    orderId: p.uuid().primary(),
    variantId: p.uuid().primary(),
    confirmedAt: p.datetime(),
  },
});
export type OrderVariant = InferEntity<typeof OrderVariant>;

/** How many confirmed orders held both products (stored both ways round, so a read is one index scan). */
export const CoPurchase = defineEntity({
  name: 'CoPurchase',
  schema: 'recommendation',
  tableName: 'co_purchases',
  properties: {
    productId: p.uuid().primary(),
    otherId: p.uuid().primary(),
    orders: p.integer(),
  },
});
export type CoPurchase = InferEntity<typeof CoPurchase>;

/** How many confirmed orders held the product, for "popular in this category". */
export const Popularity = defineEntity({
  name: 'Popularity',
  schema: 'recommendation',
  tableName: 'popularity',
  properties: {
    productId: p.uuid().primary(),
    orders: p.integer(),
  },
});
export type Popularity = InferEntity<typeof Popularity>;

/**
 * An order's standing: confirmed (order.confirmed.v1), withdrawn (order.canceled.v1, or refunds that
 * reach its total) and the products its confirmation was counted for, which a withdrawal subtracts.
 */
export const RecOrder = defineEntity({
  name: 'RecOrder',
  schema: 'recommendation',
  tableName: 'orders',
  properties: {
    orderId: p.uuid().primary(),
    confirmed: p.boolean().default(false),
    total: p.integer().nullable(),
    refunded: p.integer().default(0),
    withdrawn: p.boolean().default(false),
    counted: p.array().default([]),
  },
});
export type RecOrder = InferEntity<typeof RecOrder>;
