import { Type } from 'typebox';
import { CurrencyCode } from '../../pricing/contract.ts';
import type { OrderRow } from '../entities/rows.ts';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const IdParam = Type.Object({ id: Uuid });
export const LineParams = Type.Object({ id: Uuid, lineId: Uuid });
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$' });

export const CartCreate = Type.Object(
  { currency: CurrencyCode, email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })) },
  { additionalProperties: false },
);
export const CartPatch = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    shippingOptionId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    countryCode: Type.Optional(Type.Union([CountryCode, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const ItemAdd = Type.Object(
  { variantId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 1000 }) },
  { additionalProperties: false },
);
export const ItemPatch = Type.Object(
  { quantity: Type.Integer({ minimum: 1, maximum: 1000 }) },
  { additionalProperties: false },
);
export const PromotionIn = Type.Object(
  { code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$' }) },
  { additionalProperties: false },
);

export const AddressIn = Type.Object(
  {
    firstName: Type.String({ minLength: 1, maxLength: 100 }),
    lastName: Type.String({ minLength: 1, maxLength: 100 }),
    company: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    line1: Type.String({ minLength: 1, maxLength: 200 }),
    line2: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    postalCode: Type.String({ minLength: 1, maxLength: 20 }),
    province: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    countryCode: CountryCode,
    phone: Type.Optional(Nullable(Type.String({ pattern: '^\\+?[0-9 ()-]{4,32}$' }))),
  },
  { additionalProperties: false },
);

export const CheckoutBody = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    shippingAddress: AddressIn,
    shippingOptionId: Uuid,
    paymentMethod: Type.Object(
      {
        provider: Type.Union([Type.Literal('test'), Type.Literal('stripe')]),
        token: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
  },
  {
    additionalProperties: false,
    description: 'Prices, totals, status or a customer id are not accepted: pricing settles the amounts.',
  },
);

export const CartOut = Type.Object(
  {
    id: Type.String(),
    status: Type.String(),
    currency: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    customerId: Type.Union([Type.String(), Type.Null()]),
    promotionCode: Type.Union([Type.String(), Type.Null()]),
    shippingOptionId: Type.Union([Type.String(), Type.Null()]),
    countryCode: Type.Union([Type.String(), Type.Null()]),
    lines: Type.Array(
      Type.Object({
        id: Type.String(),
        variantId: Type.String(),
        sku: Type.String(),
        title: Type.String(),
        quantity: Type.Integer(),
        unitPrice: Type.Union([Type.Integer(), Type.Null()]),
        lineTotal: Type.Union([Type.Integer(), Type.Null()]),
        available: Type.Integer(),
        sellable: Type.Boolean(),
      }),
    ),
    subtotal: Type.Integer(),
    shippingAmount: Type.Union([Type.Integer(), Type.Null()]),
    estimatedTotal: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'Cart' },
);

export const OrderOut = Type.Object(
  {
    id: Type.String(),
    displayId: Type.String(),
    status: Type.String(),
    customerId: Type.Union([Type.String(), Type.Null()]),
    email: Type.String(),
    currency: Type.String(),
    lines: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    totals: Type.Union([Type.Record(Type.String(), Type.Integer()), Type.Null()]),
    shippingAddress: Type.Record(Type.String(), Type.Unknown()),
    shippingOptionId: Type.String(),
    promotionCode: Type.Union([Type.String(), Type.Null()]),
    paymentId: Type.Union([Type.String(), Type.Null()]),
    clientSecret: Type.Union([Type.String(), Type.Null()]),
    refundedAmount: Type.Integer(),
    cancelReason: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    confirmedAt: Type.Union([Type.String(), Type.Null()]),
    canceledAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Order' },
);

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** An order as the API shows it (OrderOut). */
export const orderView = (o: OrderRow) => ({
  id: o.id,
  displayId: o.display_id,
  status: o.status,
  customerId: o.customer_id,
  email: o.email,
  currency: o.currency,
  lines: o.lines,
  totals: o.totals ?? null,
  shippingAddress: o.shipping_address,
  shippingOptionId: o.shipping_option_id,
  promotionCode: o.promotion_code,
  paymentId: o.payment_id,
  clientSecret: o.client_secret ?? null,
  refundedAmount: Number(o.refunded_amount),
  cancelReason: o.cancel_reason,
  createdAt: iso(o.created_at)!,
  updatedAt: iso(o.updated_at)!,
  confirmedAt: iso(o.confirmed_at),
  canceledAt: iso(o.canceled_at),
});

/** A page of a list, newest first: its size and the cursor a previous page answered with. */
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ format: 'uuid' })),
};

export const OrderPage = Type.Object({
  items: Type.Array(Type.Ref('Order')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const orderPage = ({ page, nextCursor }: { page: OrderRow[]; nextCursor: string | null }) => ({
  items: page.map(orderView),
  nextCursor,
});

/** The problem+json answers a route may give, by status code. */
export const problems = <C extends number>(...codes: C[]) =>
  Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')])) as Record<C, ReturnType<typeof Type.Ref>>;

/** An order's timeline: what happened to it, oldest first (kinds in entities/timeline-store.ts). */
export const OrderTimeline = Type.Object({
  orderId: Type.String(),
  displayId: Type.String(),
  status: Type.String(),
  entries: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String({
        description:
          'placed, priced, pricing_failed, items_reserved, reservation_failed, payment_requested, payment_action_required, payment_authorized, payment_failed, payment_captured, confirmed, canceled, refund_requested, payment_refunded, refund_failed, shipped, delivered',
      }),
      occurredAt: Type.String(),
      eventId: Type.String(),
      actor: Type.Union([Type.Object({ staffId: Type.String() }), Type.Null()]),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});
