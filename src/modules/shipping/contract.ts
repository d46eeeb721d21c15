import { Type, type Static } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';
import { CurrencyCode } from '../pricing/contract.ts';

const Uuid = Type.String({ format: 'uuid' });

/** A shipping option as carts show it: its rule, per currency. Full state, so consumers replace their copy. */
export const ShippingOptionSnapshot = Type.Object({
  optionId: Uuid,
  version: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  code: Type.String(),
  active: Type.Boolean(),
  countries: Type.Array(Type.String()),
  /** flat: `amount`; by_weight: `amount` + `perKgAmount` per started kg. Free at or above `freeAbove` (subtotal). */
  rates: Type.Array(
    Type.Object({
      currency: CurrencyCode,
      kind: Type.Union([Type.Literal('flat'), Type.Literal('by_weight')]),
      amount: Type.Integer({ minimum: 0 }),
      perKgAmount: Type.Integer({ minimum: 0 }),
      freeAbove: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    }),
  ),
});
export type ShippingOptionSnapshot = Static<typeof ShippingOptionSnapshot>;

export const ShippingOptionChanged = defineEvent(
  'shipping.option_changed.v1',
  ShippingOptionSnapshot,
  'A shipping option was created, changed or retired',
);

export const ShipmentCreated = defineEvent(
  'shipment.created.v1',
  Type.Object({
    shipmentId: Uuid,
    orderId: Uuid,
  }),
  'A shipment was created for a confirmed order',
);

export const ShipmentShipped = defineEvent(
  'shipment.shipped.v1',
  Type.Object({
    shipmentId: Uuid,
    orderId: Uuid,
    carrier: Type.String(),
    trackingNumber: Type.String(),
    trackingUrl: Type.String(),
    shippedAt: Type.String({ format: 'date-time' }),
    /** The staff member who shipped it (optional within v1: absent in older events). */
    staffId: Type.Optional(Uuid),
  }),
  'A shipment left the warehouse',
);

export const ShipmentDelivered = defineEvent(
  'shipment.delivered.v1',
  Type.Object({
    shipmentId: Uuid,
    orderId: Uuid,
    deliveredAt: Type.String({ format: 'date-time' }),
    /** The staff member who recorded the delivery (optional within v1). */
    staffId: Type.Optional(Uuid),
  }),
  'A shipment arrived',
);

export const shippingEvents = [ShippingOptionChanged, ShipmentCreated, ShipmentShipped, ShipmentDelivered];

/**
 * The price of a shipping option for a cart, by the option's published rules: part of the
 * contract so the order module prices carts from its own copy of the options, without asking.
 * Returns null when the option does not ship to the country or has no rate in the currency.
 */
export function shippingRateFor(
  option: ShippingOptionSnapshot,
  cart: { currency: string; countryCode: string; subtotal: number; weightGrams: number },
): number | null {
  if (!option.active || !option.countries.includes(cart.countryCode)) return null;
  const rate = option.rates.find((r) => r.currency === cart.currency);
  if (!rate) return null;
  if (rate.freeAbove !== null && cart.subtotal >= rate.freeAbove) return 0;
  if (rate.kind === 'flat') return rate.amount;
  return rate.amount + rate.perKgAmount * Math.ceil(Math.max(0, cart.weightGrams) / 1000);
}
