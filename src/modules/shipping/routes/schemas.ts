// Request and response schemas of the shipping routes. Every input has a limit.
import { Type, type TSchema } from 'typebox';
import { CURRENCIES } from '../../pricing/contract.ts';
import { CARRIER_CODES } from '../domain/carriers.ts';
import { SHIPMENT_STATUSES } from '../domain/shipment-status.ts';

export const MAX_AMOUNT = 1_000_000_000;

/** A string from a fixed set, as a plain JSON-schema enum (its error names the allowed values). */
const oneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
export const Currency = oneOf(Object.keys(CURRENCIES) as (keyof typeof CURRENCIES)[], 'ISO 4217 code');
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' });
const Amount = Type.Integer({ minimum: 0, maximum: MAX_AMOUNT, description: 'Integer minor units (cents)' });

export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')]));
export const IdParam = Type.Object({ id: Uuid });

// ---- shipping options ----
const RateIn = Type.Object(
  {
    currency: Currency,
    kind: oneOf(['flat', 'by_weight'] as const, 'flat: `amount`; by_weight: `amount` + `perKgAmount` per started kg'),
    amount: Amount,
    perKgAmount: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_AMOUNT,
        description: 'by_weight only (required there): per started kilogram',
      }),
    ),
    freeAbove: Type.Optional(
      nullable(
        Type.Integer({
          minimum: 0,
          maximum: MAX_AMOUNT,
          description: 'Free when the subtotal is at least this; null: never',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);
const optionFields = {
  code: Type.String({
    pattern: '^[a-z0-9][a-z0-9_-]{0,63}$',
    description: 'Unique among live options: lower-case letters, digits, _ or -',
  }),
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  // No `default` here: Type.Partial keeps it, and the validator would then write `active: true` into
  // every patch that leaves it out (reactivating an option on a rename). createOption defaults it.
  active: Type.Optional(
    Type.Boolean({ description: 'Inactive options are not offered; true when left out on create' }),
  ),
  countries: Type.Array(CountryCode, { minItems: 1, maxItems: 250, uniqueItems: true, description: 'Where it ships' }),
  rates: Type.Array(RateIn, {
    minItems: 1,
    maxItems: Object.keys(CURRENCIES).length,
    description: 'One per currency; a currency without a rate is not offered',
  }),
  trackingUrlTemplate: Type.Optional(
    nullable(
      Type.String({
        maxLength: 500,
        description: 'An http(s) URL with {trackingNumber}; null: the default tracking page',
      }),
    ),
  ),
};
export const OptionBody = Type.Object(optionFields, { additionalProperties: false });
export const OptionPatch = Type.Partial(Type.Object(optionFields), { additionalProperties: false, minProperties: 1 });
export const OptionListQuery = Type.Object(
  {
    includeRetired: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

const RateOut = Type.Object({
  currency: Type.String(),
  kind: Type.String(),
  amount: Type.Integer(),
  perKgAmount: Type.Integer(),
  freeAbove: nullable(Type.Integer()),
});
export const OptionOut = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  active: Type.Boolean(),
  countries: Type.Array(Type.String()),
  rates: Type.Array(RateOut),
  trackingUrlTemplate: nullable(Type.String()),
  version: Type.Integer({ description: 'Grows with every change; the version of the last shipping.option_changed.v1' }),
  retiredAt: nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const StoreOptionsQuery = Type.Object(
  {
    countryCode: CountryCode,
    currency: Currency,
    subtotal: Type.Integer({
      minimum: 0,
      maximum: 1_000_000_000_000,
      default: 0,
      description: 'Cart subtotal in minor units (for free-shipping thresholds)',
    }),
    weightGrams: Type.Integer({
      minimum: 0,
      maximum: 10_000_000,
      default: 0,
      description: 'Total weight (for by-weight rates)',
    }),
  },
  { additionalProperties: false },
);
export const StoreOptionOut = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  currency: Type.String(),
  amount: Type.Integer({ description: 'The price for this destination and cart, minor units' }),
  kind: Type.String(),
  freeAbove: nullable(Type.Integer({ description: 'Subtotal from which it is free' })),
});

// ---- shipments ----
export const ShipmentStatus = oneOf(SHIPMENT_STATUSES);
export const ShipmentQuery = Type.Object(
  {
    orderId: Type.Optional(Uuid),
    status: Type.Optional(ShipmentStatus),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);
export const ShipBody = Type.Object(
  {
    carrier: oneOf(CARRIER_CODES),
    trackingNumber: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "The carrier's tracking number (manual: letters, digits, hyphens)",
    }),
  },
  { additionalProperties: false },
);

const AddressOut = Type.Object({
  firstName: Type.String(),
  lastName: Type.String(),
  company: Type.Optional(nullable(Type.String())),
  line1: Type.String(),
  line2: Type.Optional(nullable(Type.String())),
  city: Type.String(),
  postalCode: Type.String(),
  province: Type.Optional(nullable(Type.String())),
  countryCode: Type.String(),
  phone: Type.Optional(nullable(Type.String())),
});
export const ShipmentOut = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  displayId: Type.String(),
  customerId: nullable(Type.String()),
  email: Type.String(),
  status: Type.String(),
  actions: Type.Array(Type.String(), { description: 'What staff can do next: ship, deliver' }),
  option: Type.Object({ id: Type.String(), code: nullable(Type.String()), name: nullable(Type.String()) }),
  address: AddressOut,
  lines: Type.Array(
    Type.Object({
      lineId: Type.String(),
      variantId: Type.String(),
      sku: Type.String(),
      title: Type.String(),
      quantity: Type.Integer(),
    }),
  ),
  carrier: nullable(Type.String()),
  trackingNumber: nullable(Type.String()),
  trackingUrl: nullable(Type.String()),
  cancelReason: nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  shippedAt: nullable(Timestamp),
  deliveredAt: nullable(Timestamp),
  canceledAt: nullable(Timestamp),
});
