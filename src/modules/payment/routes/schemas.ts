import { Type } from 'typebox';
import { leftToRefund, PAYMENT_STATUSES, REFUND_STATUSES } from '../domain/payment-state.ts';
import type { PaymentRow } from '../entities/payments.ts';
import type { RefundRow } from '../entities/refunds.ts';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const Maybe = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union(PAYMENT_STATUSES.map((s) => Type.Literal(s)));

export const RefundOut = Type.Object(
  {
    id: Uuid,
    amount: Type.Integer(),
    currency: Type.String(),
    status: Type.Union(
      REFUND_STATUSES.map((s) => Type.Literal(s)),
      { description: 'rejected: refused before reaching the provider (more than is left, not captured)' },
    ),
    origin: Type.Union([Type.Literal('request'), Type.Literal('cancel'), Type.Literal('provider')], {
      description: "request: staff; cancel: the order was canceled; provider: made in the provider's dashboard",
    }),
    reason: Maybe(Type.String()),
    failureReason: Maybe(Type.String()),
    providerRef: Maybe(Type.String()),
    createdAt: Timestamp,
    completedAt: Maybe(Timestamp),
  },
  { $id: 'PaymentRefund' },
);

export const PaymentOut = Type.Object(
  {
    id: Uuid,
    orderId: Uuid,
    attempt: Type.Integer(),
    provider: Type.Union([Type.Literal('test'), Type.Literal('stripe')]),
    amount: Type.Integer(),
    currency: Type.String(),
    status: Status,
    providerRef: Maybe(Type.String({ description: 'Stripe: the PaymentIntent id' })),
    failureReason: Maybe(Type.String()),
    capturedAmount: Type.Integer(),
    refundedAmount: Type.Integer(),
    refundableAmount: Type.Integer({ description: 'Captured, less refunded, less refunds under way' }),
    captureRequestedAt: Maybe(Timestamp),
    cancelRequestedAt: Maybe(Timestamp),
    needsAttention: Maybe(
      Type.String({ description: 'The provider refused a step; nothing more happens automatically' }),
    ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    authorizedAt: Maybe(Timestamp),
    capturedAt: Maybe(Timestamp),
    canceledAt: Maybe(Timestamp),
    failedAt: Maybe(Timestamp),
    refunds: Type.Array(Type.Ref('PaymentRefund')),
  },
  { $id: 'Payment' },
);

export const PaymentsPage = Type.Object({
  items: Type.Array(Type.Ref('Payment')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const IdParam = Type.Object({ id: Uuid });
export const PaymentQuery = Type.Object(
  {
    orderId: Type.Optional(Uuid),
    status: Type.Optional(Status),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function refundView(r: RefundRow) {
  return {
    id: r.id,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    origin: r.origin,
    reason: r.reason,
    failureReason: r.failureReason,
    providerRef: r.providerRef,
    createdAt: iso(r.createdAt)!,
    completedAt: iso(r.completedAt),
  };
}

export function paymentView(p: PaymentRow, refunds: RefundRow[]) {
  const mine = refunds.filter((r) => r.paymentId === p.id);
  return {
    id: p.id,
    orderId: p.orderId,
    attempt: p.attempt,
    provider: p.provider,
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    providerRef: p.providerRef,
    failureReason: p.failureReason,
    capturedAmount: p.capturedAmount,
    refundedAmount: p.refundedAmount,
    refundableAmount: leftToRefund(p, mine),
    captureRequestedAt: iso(p.captureRequestedAt),
    cancelRequestedAt: iso(p.cancelRequestedAt),
    needsAttention: p.needsAttention,
    createdAt: iso(p.createdAt)!,
    updatedAt: iso(p.updatedAt)!,
    authorizedAt: iso(p.authorizedAt),
    capturedAt: iso(p.capturedAt),
    canceledAt: iso(p.canceledAt),
    failedAt: iso(p.failedAt),
    refunds: mine.map(refundView),
  };
}
