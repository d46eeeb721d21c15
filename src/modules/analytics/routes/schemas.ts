import { Type } from 'typebox';

export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')]));

const LocalDate = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')]));
const Tz = Type.String({ minLength: 1, maxLength: 64, default: 'UTC', description: 'IANA time zone name' });
const Grain = Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], { default: 'day' });
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 10 });
const Uuid = Type.String({ format: 'uuid' });

export const SalesQuery = Type.Object(
  { from: LocalDate, to: LocalDate, tz: Tz, format: Format, granularity: Grain },
  { additionalProperties: false },
);
export const RankQuery = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    tz: Tz,
    format: Format,
    by: Type.Union([Type.Literal('units'), Type.Literal('revenue')], { default: 'units' }),
    limit: Limit,
  },
  { additionalProperties: false },
);
export const SearchQuery = Type.Object(
  { from: LocalDate, to: LocalDate, tz: Tz, format: Format, limit: Limit },
  { additionalProperties: false },
);

const Money = Type.Integer({ description: 'minor units of `currency`' });
const Rate = Type.Number({ minimum: 0, description: 'step / the step before, four decimals' });
const report = <T extends Parameters<typeof Type.Object>[0]>(row: T) =>
  Type.Object({ rows: Type.Array(Type.Object(row)) });

export const SalesReport = report({
  period: Type.String(),
  currency: Type.String(),
  orders: Type.Integer(),
  revenue: Money,
  averageOrderValue: Money,
  refunds: Type.Integer(),
  refunded: Money,
  cancellations: Type.Integer(),
  captured: Money,
});
export const FunnelReport = report({
  period: Type.String(),
  viewed: Type.Integer(),
  addedToCart: Type.Integer(),
  checkoutStarted: Type.Integer(),
  confirmed: Type.Integer(),
  carts: Type.Integer(),
  viewToCart: Rate,
  cartToCheckout: Rate,
  checkoutToConfirmed: Rate,
  viewToConfirmed: Rate,
});
export const TopProducts = report({
  currency: Type.String(),
  rank: Type.Integer(),
  productId: Type.Union([Uuid, Type.Null()]),
  title: Type.String(),
  units: Type.Integer(),
  revenue: Money,
});
export const TopCategories = report({
  currency: Type.String(),
  rank: Type.Integer(),
  categoryId: Uuid,
  units: Type.Integer(),
  revenue: Money,
});
export const SearchMisses = report({
  query: Type.String(),
  searches: Type.Integer(),
  lastSeen: Type.String({ format: 'date-time' }),
});

export const RebuildAccepted = Type.Object({ taskId: Type.String() });

/** An anonymous shopper's session id, as recommendation takes it: long and random enough not to be guessed. */
const SessionId = Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const StorefrontEvent = Type.Object(
  { type: Type.Literal('product_viewed'), productId: Uuid, sessionId: Type.Optional(SessionId) },
  { additionalProperties: false },
);
