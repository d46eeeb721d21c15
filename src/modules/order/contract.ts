import { Type, type Static } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';
import { CurrencyCode } from '../pricing/contract.ts';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const Address = Type.Object({
  firstName: Type.String(),
  lastName: Type.String(),
  company: Type.Optional(Nullable(Type.String())),
  line1: Type.String(),
  line2: Type.Optional(Nullable(Type.String())),
  city: Type.String(),
  postalCode: Type.String(),
  province: Type.Optional(Nullable(Type.String())),
  countryCode: Type.String({ pattern: '^[A-Z]{2}$' }),
  phone: Type.Optional(Nullable(Type.String())),
});
export type Address = Static<typeof Address>;

/** A priced order line as the order module settled it (pricing computed the amounts). */
export const OrderLine = Type.Object({
  lineId: Uuid,
  variantId: Uuid,
  sku: Type.String(),
  title: Type.String(),
  quantity: Type.Integer({ minimum: 1 }),
  unitPrice: Type.Integer(),
  discount: Type.Integer(),
  tax: Type.Integer(),
  total: Type.Integer(),
});

export const OrderTotals = Type.Object({
  subtotal: Type.Integer(),
  discount: Type.Integer(),
  shipping: Type.Integer(),
  tax: Type.Integer(),
  total: Type.Integer(),
});

/** A shopper checked out: the saga starts. Pricing prices it, inventory reserves it. */
export const OrderPlaced = defineEvent(
  'order.placed.v1',
  Type.Object({
    orderId: Uuid,
    customerId: Nullable(Uuid),
    email: Type.String(),
    currency: CurrencyCode,
    lines: Type.Array(Type.Object({ lineId: Uuid, variantId: Uuid, quantity: Type.Integer({ minimum: 1 }) })),
    promotionCode: Nullable(Type.String()),
    shippingOptionId: Uuid,
    shippingAmount: Type.Integer({ minimum: 0 }),
    shippingAddress: Address,
    placedAt: Type.String({ format: 'date-time' }),
  }),
  'An order was placed and awaits pricing and stock',
);

/** Priced and reserved: the order asks for the money. */
export const OrderPaymentRequested = defineEvent(
  'order.payment_requested.v1',
  Type.Object({
    orderId: Uuid,
    customerId: Nullable(Uuid),
    email: Type.String(),
    amount: Type.Integer({ minimum: 0 }),
    currency: CurrencyCode,
    /** `test` tokens: tok_success, tok_declined, tok_insufficient_funds; `stripe`: a PaymentMethod id or none (client confirms). */
    paymentMethod: Type.Object({
      provider: Type.Union([Type.Literal('test'), Type.Literal('stripe')]),
      token: Type.Optional(Type.String()),
    }),
  }),
  'An order is priced and reserved and needs its payment authorized',
);

/** Paid (authorized): shipping ships it, notification mails the confirmation. */
export const OrderConfirmed = defineEvent(
  'order.confirmed.v1',
  Type.Object({
    orderId: Uuid,
    displayId: Type.String(),
    customerId: Nullable(Uuid),
    email: Type.String(),
    currency: CurrencyCode,
    lines: Type.Array(OrderLine),
    totals: OrderTotals,
    shippingAddress: Address,
    shippingOptionId: Uuid,
    paymentId: Uuid,
    confirmedAt: Type.String({ format: 'date-time' }),
  }),
  'An order is paid (authorized) and confirmed',
);

/** Canceled (a failure in the saga, a payment timeout, staff): stock is released, money voided or refunded. */
/**
 * Why an order was canceled, for programs (a template, a report); `reason` says it for people.
 * `compensation` repeats a cancellation so a participant undoes what it did after it (a payment or
 * a reservation that landed late).
 */
const CancelCodeSchema = Type.Union([
  Type.Literal('pricing_failed'),
  Type.Literal('out_of_stock'),
  Type.Literal('payment_failed'),
  Type.Literal('payment_timeout'),
  Type.Literal('checkout_timeout'),
  Type.Literal('canceled_by_staff'),
  Type.Literal('compensation'),
]);
export type CancelCode = Static<typeof CancelCodeSchema>;

export const OrderCanceled = defineEvent(
  'order.canceled.v1',
  Type.Object({
    orderId: Uuid,
    displayId: Type.String(),
    customerId: Nullable(Uuid),
    email: Type.String(),
    reason: Type.String(),
    // Optional within v1: events written before it existed carry the reason text alone.
    reasonCode: Type.Optional(CancelCodeSchema),
    reservationId: Nullable(Uuid),
    paymentId: Nullable(Uuid),
    canceledAt: Type.String({ format: 'date-time' }),
    // Optional within v1: what the order was worth, for reports (total null before it was priced).
    currency: Type.Optional(CurrencyCode),
    total: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  }),
  'An order was canceled; every participant undoes its part',
);

/** Staff refunded part or all of a confirmed order. */
export const OrderRefundRequested = defineEvent(
  'order.refund_requested.v1',
  Type.Object({
    orderId: Uuid,
    paymentId: Uuid,
    amount: Type.Integer({ minimum: 1 }),
    currency: CurrencyCode,
    reason: Nullable(Type.String()),
  }),
  'Staff asked to refund an amount of a paid order',
);

/**
 * A shopper opened a cart. Small on purpose: it is written on the shopper's path (analytics counts
 * carts for its funnel; nobody needs the cart's contents from it).
 */
export const CartCreated = defineEvent(
  'order.cart_created.v1',
  Type.Object({
    cartId: Uuid,
    customerId: Nullable(Uuid),
    currency: CurrencyCode,
    createdAt: Type.String({ format: 'date-time' }),
  }),
  'A shopper opened a cart',
);

/** A shopper put a variant in a cart: `quantity` is what this add put in, not the line's new total. */
export const CartItemAdded = defineEvent(
  'order.cart_item_added.v1',
  Type.Object({
    cartId: Uuid,
    customerId: Nullable(Uuid),
    productId: Nullable(Uuid),
    variantId: Uuid,
    quantity: Type.Integer({ minimum: 1 }),
    currency: CurrencyCode,
    addedAt: Type.String({ format: 'date-time' }),
  }),
  'A shopper added a variant to a cart',
);

export const orderEvents = [
  OrderPlaced,
  OrderPaymentRequested,
  OrderConfirmed,
  OrderCanceled,
  OrderRefundRequested,
  CartCreated,
  CartItemAdded,
];
