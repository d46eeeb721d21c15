import { defineEntity, p } from '@mikro-orm/core';

export const CART_STATUSES = ['active', 'converted', 'merged'] as const;

/** A shopper's cart: a guest's (reached by its unguessable id) or a customer's. */
export const Cart = defineEntity({
  name: 'OrderCart',
  schema: 'order',
  tableName: 'carts',
  indexes: [{ name: 'carts_customer_idx', properties: ['customerId'], where: "status = 'active'" }],
  properties: {
    id: p.uuid().primary(),
    customerId: p.uuid().nullable(),
    currency: p.string().columnType('char(3)'),
    email: p.string().length(254).nullable(),
    promotionCode: p.string().length(40).nullable(),
    shippingOptionId: p.uuid().nullable(),
    countryCode: p.string().columnType('char(2)').nullable(),
    status: p.enum(CART_STATUSES).default('active'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

/** One variant in a cart, at most one line per variant. */
export const CartLine = defineEntity({
  name: 'OrderCartLine',
  schema: 'order',
  tableName: 'cart_lines',
  uniques: [{ name: 'cart_lines_cart_id_variant_id_key', properties: ['cart', 'variantId'] }],
  checks: [{ name: 'cart_lines_quantity_check', expression: '((quantity >= 1) AND (quantity <= 1000))' }],
  properties: {
    id: p.uuid().primary(),
    cart: () =>
      p.manyToOne(Cart).deleteRule('cascade').updateRule('no action').foreignKeyName('cart_lines_cart_id_fkey'),
    variantId: p.uuid(),
    quantity: p.integer(),
    createdAt: p.datetime(),
  },
});
