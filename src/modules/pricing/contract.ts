import { Type, type Static } from 'typebox';
import { defineEvent } from '../../platform/bus/event.ts';

/** ISO 4217 currencies Tessera prices in, with their minor-unit exponent. */
export const CURRENCIES = { EUR: 2, USD: 2, GBP: 2, JPY: 0 } as const;
export type Currency = keyof typeof CURRENCIES;
export const CurrencyCode = Type.Union([Type.Literal('EUR'), Type.Literal('USD'), Type.Literal('GBP'), Type.Literal('JPY')]);

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

export const pricingEvents = [PriceChanged];
