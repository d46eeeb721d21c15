import { Type, type Static } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';

/** ISO 4217 currencies Tessera prices in, with their minor-unit exponent. */
export const CURRENCIES = { EUR: 2, USD: 2, GBP: 2, JPY: 0 } as const;
export type Currency = keyof typeof CURRENCIES;
export const CurrencyCode = Type.Union([
  Type.Literal('EUR'),
  Type.Literal('USD'),
  Type.Literal('GBP'),
  Type.Literal('JPY'),
]);

/**
 * The public shelf price of a variant in a currency changed: a new base price, or a sale (price
 * list) that started or ended. `amount` is what a shopper without a customer group pays now, in
 * minor units; `originalAmount` the base price (they differ during a sale). Pricing republishes
 * at every sale boundary, so a listing's projection only ever stores "the price now". A null
 * amount means the variant has no price in this currency any more.
 */
export const PriceChanged = defineEvent(
  'pricing.price_changed.v1',
  Type.Object({
    variantId: Type.String({ format: 'uuid' }),
    currency: CurrencyCode,
    amount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    originalAmount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    taxInclusive: Type.Boolean(),
    /** Increases with every change of this (variant, currency); older ones are ignored. */
    sequence: Type.Integer({ minimum: 1 }),
  }),
  'The shelf price of a variant in a currency changed',
);
export type PriceChangedPayload = Static<typeof PriceChanged.schema>;

const Uuid = Type.String({ format: 'uuid' });

/** Saga step: pricing priced a placed order (final unit prices, promotions redeemed, tax, shipping). */
export const OrderPriced = defineEvent(
  'pricing.order_priced.v1',
  Type.Object({
    orderId: Uuid,
    currency: CurrencyCode,
    lines: Type.Array(
      Type.Object({
        variantId: Uuid,
        quantity: Type.Integer({ minimum: 1 }),
        unitPrice: Type.Integer(),
        discount: Type.Integer(),
        tax: Type.Integer(),
        total: Type.Integer(),
      }),
    ),
    totals: Type.Object({
      subtotal: Type.Integer(),
      discount: Type.Integer(),
      shipping: Type.Integer(),
      tax: Type.Integer(),
      total: Type.Integer(),
    }),
    promotions: Type.Array(
      Type.Object({ promotionId: Uuid, code: Type.Union([Type.String(), Type.Null()]), amount: Type.Integer() }),
    ),
  }),
  'A placed order was priced',
);

/** Saga step: the order cannot be priced (a variant without a price, a code that cannot be used). */
export const OrderPricingFailed = defineEvent(
  'pricing.order_pricing_failed.v1',
  Type.Object({
    orderId: Uuid,
    reason: Type.String(),
  }),
  'A placed order could not be priced',
);

/**
 * A promotion code as carts see it: created, changed or withdrawn (deleted, or renamed: the old
 * code then comes with `active: false`). Carts use it to accept or refuse a code when the shopper
 * enters it; at checkout the engine stays the judge (usage limits, one use per customer).
 */
export const PromotionCodeChanged = defineEvent(
  'pricing.promotion_code_changed.v1',
  Type.Object({
    /** Upper case; codes are case-insensitive. */
    code: Type.String({ minLength: 1, maxLength: 40 }),
    promotionId: Uuid,
    name: Type.String(),
    active: Type.Boolean(),
    startsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    endsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    oncePerCustomer: Type.Boolean(),
    minSubtotal: Type.Array(Type.Object({ currency: CurrencyCode, amount: Type.Integer({ minimum: 0 }) })),
    /** Grows with every change of this code (milliseconds); an older one is ignored. */
    version: Type.Integer({ minimum: 0 }),
  }),
  'A promotion code was created, changed or withdrawn',
);

export const pricingEvents = [PriceChanged, OrderPriced, OrderPricingFailed, PromotionCodeChanged];
