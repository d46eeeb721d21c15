import { Type } from 'typebox';

export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')]));

const LocalDate = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')]));
const Tz = Type.String({ minLength: 1, maxLength: 64, default: 'UTC', description: 'IANA time zone name' });

export const ReportRange = Type.Object(
  { from: LocalDate, to: LocalDate, tz: Tz, format: Format },
  { additionalProperties: false },
);

export const SalesQuery = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    tz: Tz,
    format: Format,
    granularity: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], { default: 'day' }),
  },
  { additionalProperties: false },
);

const Money = Type.Integer({ description: 'minor units of `currency`' });
export const SalesReport = Type.Object({
  rows: Type.Array(
    Type.Object({
      period: Type.String(),
      currency: Type.String(),
      orders: Type.Integer(),
      revenue: Money,
      averageOrderValue: Money,
      refunds: Type.Integer(),
      refunded: Money,
    }),
  ),
});

export const RebuildAccepted = Type.Object({ taskId: Type.String() });
