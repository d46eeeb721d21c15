import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

// What "verified purchase" needs, projected from other modules' events: which variants a
// customer's confirmed orders held, which of those orders arrived, and whose product a variant is.

/** A variant of a customer's confirmed order (order.confirmed.v1). Guest orders are not kept. */
export const PurchasedVariant = defineEntity({
  name: 'PurchasedVariant',
  schema: 'review',
  tableName: 'purchased_variants',
  properties: {
    orderId: p.uuid().primary(),
    variantId: p.uuid().primary(),
    customerId: p.uuid().index('purchased_variants_customer_idx'),
  },
});
export type PurchasedVariant = InferEntity<typeof PurchasedVariant>;

/** An order whose shipment arrived (shipment.delivered.v1). */
export const DeliveredOrder = defineEntity({
  name: 'DeliveredOrder',
  schema: 'review',
  tableName: 'delivered_orders',
  properties: {
    orderId: p.uuid().primary(),
    deliveredAt: p.datetime(),
  },
});
export type DeliveredOrder = InferEntity<typeof DeliveredOrder>;

/** The product a variant belongs to (product.created/updated.v1); a variant never changes product. */
export const CatalogVariant = defineEntity({
  name: 'CatalogVariant',
  schema: 'review',
  tableName: 'catalog_variants',
  properties: {
    variantId: p.uuid().primary(),
    productId: p.uuid().index('catalog_variants_product_idx'),
  },
});
export type CatalogVariant = InferEntity<typeof CatalogVariant>;
