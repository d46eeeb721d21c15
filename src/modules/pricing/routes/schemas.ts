// Request and response schemas of the pricing routes. Every input has a limit: string lengths,
// array sizes, amounts up to 10^9 minor units.
import { Type, type TSchema } from 'typebox';
import { CURRENCIES, type Currency } from '../contract.ts';

export const MAX_AMOUNT = 1_000_000_000;
export const MAX_QUOTE_LINES = 100;
export const MAX_QUANTITY = 10_000;
export const MAX_LIST_PRICES = 1_000;
export const MAX_TARGETS = 200;
export const MAX_MEMBERS_PER_CALL = 1_000;

/** A string from a fixed set, as a plain JSON-schema enum (its error names the allowed values). */
const oneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const currencies = Object.keys(CURRENCIES) as Currency[];
export const CurrencyIn = oneOf(currencies, 'ISO 4217 code');
export const Uuid = Type.String({ format: 'uuid' });
export const Amount = Type.Integer({ minimum: 0, maximum: MAX_AMOUNT, description: 'Integer minor units (cents)' });
const PositiveAmount = Type.Integer({ minimum: 1, maximum: MAX_AMOUNT, description: 'Integer minor units (cents)' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Description = nullable(Type.String({ maxLength: 2000 }));
const DateTime = Type.String({ format: 'date-time' });
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' });

const money = <T extends TSchema>(amount: T) =>
  Type.Object({ currency: CurrencyIn, amount }, { additionalProperties: false });
export const MoneyOut = Type.Object({ currency: Type.String(), amount: Type.Integer() });
const perCurrency = <T extends TSchema>(amount: T) =>
  Type.Array(money(amount), { maxItems: currencies.length, description: 'At most one entry per currency' });

export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')]));

export const Page = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);
export const pageOf = (item: TSchema) => Type.Object({ items: Type.Array(item), nextCursor: nullable(Type.String()) });
export const IdParam = Type.Object({ id: Uuid });

// ---- base prices ----
export const VariantParam = Type.Object({ variantId: Uuid });
export const PricesBody = Type.Object({ prices: perCurrency(Amount) }, { additionalProperties: false });
export const BulkPricesBody = Type.Object(
  {
    items: Type.Array(
      Type.Object({ variantId: Uuid, prices: PricesBody.properties.prices }, { additionalProperties: false }),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export const VariantPrices = Type.Object({
  variantId: Type.String(),
  productId: Type.String(),
  sku: Type.String(),
  title: Type.String(),
  prices: Type.Array(MoneyOut),
});

// ---- customer groups ----
export const GroupBody = Type.Object(
  { name: Name, description: Type.Optional(Description) },
  { additionalProperties: false },
);
export const GroupPatch = Type.Partial(GroupBody, { additionalProperties: false, minProperties: 1 });
export const GroupOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: nullable(Type.String()),
  memberCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const MembersBody = Type.Object(
  { customerIds: Type.Array(Uuid, { minItems: 1, maxItems: MAX_MEMBERS_PER_CALL }) },
  { additionalProperties: false },
);
export const MemberParams = Type.Object({ id: Uuid, customerId: Uuid });
export const MemberOut = Type.Object({ customerId: Type.String(), addedAt: Type.String({ format: 'date-time' }) });

// ---- price lists ----
const ListPriceIn = Type.Object(
  { variantId: Uuid, currency: CurrencyIn, amount: Amount },
  { additionalProperties: false },
);
const priceListFields = {
  name: Name,
  description: Type.Optional(Description),
  customerGroupId: Type.Optional(nullable(Uuid)),
  startsAt: Type.Optional(nullable(DateTime)),
  endsAt: Type.Optional(nullable(DateTime)),
  prices: Type.Array(ListPriceIn, {
    maxItems: MAX_LIST_PRICES,
    description: 'The whole set; replaces the previous one',
  }),
};
export const PriceListBody = Type.Object(priceListFields, { additionalProperties: false });
export const PriceListPatch = Type.Partial(Type.Object(priceListFields), {
  additionalProperties: false,
  minProperties: 1,
});
export const PriceListOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: nullable(Type.String()),
  customerGroupId: nullable(Type.String()),
  startsAt: nullable(Type.String({ format: 'date-time' })),
  endsAt: nullable(Type.String({ format: 'date-time' })),
  status: oneOf(['scheduled', 'active', 'ended'] as const),
  priceCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const PriceListDetail = Type.Object({
  ...PriceListOut.properties,
  prices: Type.Array(Type.Object({ variantId: Type.String(), currency: Type.String(), amount: Type.Integer() })),
});

// ---- promotions ----
export const PromotionKind = oneOf(['percentage', 'fixed'] as const);
const promotionFields = {
  name: Name,
  description: Type.Optional(Description),
  code: Type.Optional(
    nullable(
      Type.String({
        pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$',
        description: '3-40 letters, digits, _ or -; case-insensitive; null or absent: automatic',
      }),
    ),
  ),
  kind: PromotionKind,
  percentBps: Type.Optional(
    nullable(Type.Integer({ minimum: 1, maximum: 10_000, description: 'percentage: basis points (1000 = 10 %)' })),
  ),
  amounts: Type.Optional(perCurrency(PositiveAmount)),
  productIds: Type.Optional(Type.Array(Uuid, { maxItems: MAX_TARGETS })),
  categoryIds: Type.Optional(Type.Array(Uuid, { maxItems: MAX_TARGETS })),
  minSubtotal: Type.Optional(perCurrency(Amount)),
  startsAt: Type.Optional(nullable(DateTime)),
  endsAt: Type.Optional(nullable(DateTime)),
  usageLimit: Type.Optional(nullable(Type.Integer({ minimum: 1, maximum: MAX_AMOUNT }))),
  oncePerCustomer: Type.Optional(Type.Boolean()),
};
export const PromotionBody = Type.Object(promotionFields, { additionalProperties: false });
export const PromotionPatch = Type.Partial(Type.Object(promotionFields), {
  additionalProperties: false,
  minProperties: 1,
});
export const PromotionQuery = Type.Object(
  {
    ...Page.properties,
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name or code' })),
  },
  { additionalProperties: false },
);
export const PromotionOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: nullable(Type.String()),
  code: nullable(Type.String()),
  automatic: Type.Boolean(),
  kind: Type.String(),
  percentBps: nullable(Type.Integer()),
  amounts: Type.Array(MoneyOut),
  productIds: Type.Array(Type.String()),
  categoryIds: Type.Array(Type.String()),
  minSubtotal: Type.Array(MoneyOut),
  startsAt: nullable(Type.String({ format: 'date-time' })),
  endsAt: nullable(Type.String({ format: 'date-time' })),
  usageLimit: nullable(Type.Integer()),
  usageCount: Type.Integer(),
  oncePerCustomer: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

// ---- tax ----
export const CountryParam = Type.Object({ countryCode: CountryCode });
export const TaxRateBody = Type.Object(
  {
    rateBps: Type.Number({
      minimum: 0,
      maximum: 10_000,
      description: 'Basis points, up to two decimals (1900 = 19 %, 887.5 = 8.875 %)',
    }),
    name: Type.Optional(nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);
export const TaxRateOut = Type.Object({
  countryCode: Type.String(),
  name: nullable(Type.String()),
  rateBps: Type.Number(),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const CurrencyParam = Type.Object({ currency: CurrencyIn });
export const CurrencySettingBody = Type.Object({ taxInclusive: Type.Boolean() }, { additionalProperties: false });
export const CurrencySettingOut = Type.Object({
  currency: Type.String(),
  exponent: Type.Integer(),
  taxInclusive: Type.Boolean(),
});

// ---- quotes ----
export const QuoteBody = Type.Object(
  {
    currency: CurrencyIn,
    lines: Type.Array(
      Type.Object(
        { variantId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_QUOTE_LINES },
    ),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    countryCode: Type.Optional(CountryCode),
    shippingAmount: Type.Optional(Amount),
  },
  { additionalProperties: false },
);

const Adjustment = Type.Object({ promotionId: Type.String(), amount: Type.Integer() });
export const QuoteOut = Type.Object({
  currency: Type.String(),
  taxInclusive: Type.Boolean(),
  countryCode: nullable(Type.String()),
  taxRateBps: Type.Number(),
  pricedAt: Type.String({ format: 'date-time' }),
  lines: Type.Array(
    Type.Object({
      variantId: Type.String(),
      productId: Type.String(),
      quantity: Type.Integer(),
      unitPrice: Type.Integer(),
      originalUnitPrice: nullable(Type.Integer()),
      priceListId: nullable(Type.String()),
      subtotal: Type.Integer(),
      discount: Type.Integer(),
      net: Type.Integer(),
      tax: Type.Integer(),
      total: Type.Integer(),
      adjustments: Type.Array(Adjustment),
    }),
  ),
  shipping: nullable(
    Type.Object({ amount: Type.Integer(), net: Type.Integer(), tax: Type.Integer(), total: Type.Integer() }),
  ),
  totals: Type.Object({
    subtotal: Type.Integer(),
    discount: Type.Integer(),
    shipping: Type.Integer(),
    tax: Type.Integer(),
    total: Type.Integer(),
  }),
  promotions: Type.Array(
    Type.Object({
      promotionId: Type.String(),
      name: Type.String(),
      code: nullable(Type.String()),
      automatic: Type.Boolean(),
      amount: Type.Integer(),
    }),
  ),
  code: nullable(
    Type.Object({
      code: Type.String(),
      applied: Type.Boolean(),
      reason: nullable(
        Type.String({
          description:
            'unknown | not_started | expired | limit_reached | customer_required | already_used | minimum_not_met | not_applicable',
        }),
      ),
      message: nullable(Type.String()),
    }),
  ),
});
