import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PAYMENT_STATUSES = [
  'pending',
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
  'failed',
  'voided',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'rejected'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export type ProviderName = 'test' | 'stripe';

/**
 * One attempt to get an order's money. `status` only moves forward (state.ts); what we still want
 * the provider to do is kept beside it (capture/cancel requested, a release, pending refunds), so a
 * crash between the database and the provider loses nothing: the re-drive task finds it again.
 */
export const Payment = defineEntity({
  name: 'Payment',
  schema: 'payment',
  tableName: 'payments',
  properties: {
    id: p.uuid().primary(),
    orderId: p.uuid(),
    attempt: p.integer(),
    provider: p.enum(['test', 'stripe'] as const),
    amount: p.integer(),
    currency: p.string(),
    status: p.enum(PAYMENT_STATUSES),
    /** What the order gave to pay with: a test token or a Stripe PaymentMethod id (never card data). */
    token: p.text().nullable(),
    /** The provider's id for it (Stripe: the PaymentIntent id). */
    providerRef: p.text().nullable(),
    failureReason: p.text().nullable(),
    capturedAmount: p.integer(),
    refundedAmount: p.integer(),
    captureRequestedAt: p.datetime().nullable(),
    cancelRequestedAt: p.datetime().nullable(),
    /** The payment failed or was voided here but the provider still holds money: release it. */
    releaseRequired: p.enum(['void', 'refund'] as const).nullable(),
    /** The provider refused something we cannot settle alone; no automatic step runs until staff look. */
    needsAttention: p.text().nullable(),
    customerId: p.uuid().nullable(),
    correlationId: p.text(),
    requestEventId: p.uuid(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    authorizedAt: p.datetime().nullable(),
    capturedAt: p.datetime().nullable(),
    canceledAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
  },
});
export type Payment = InferEntity<typeof Payment>;

/** Money given back (or asked to be): by staff, by a cancellation, or seen at the provider. */
export const Refund = defineEntity({
  name: 'PaymentRefund',
  schema: 'payment',
  tableName: 'refunds',
  properties: {
    id: p.uuid().primary(),
    paymentId: p.uuid(),
    amount: p.integer(),
    currency: p.string(),
    status: p.enum(REFUND_STATUSES),
    origin: p.enum(['request', 'cancel', 'provider'] as const),
    reason: p.text().nullable(),
    failureReason: p.text().nullable(),
    providerRef: p.text().nullable(),
    requestEventId: p.uuid().nullable(),
    createdAt: p.datetime(),
    completedAt: p.datetime().nullable(),
  },
});
export type Refund = InferEntity<typeof Refund>;

/** The inbox of provider webhooks: one row per provider event id. */
export const ProviderEvent = defineEntity({
  name: 'PaymentProviderEvent',
  schema: 'payment',
  tableName: 'provider_events',
  properties: {
    provider: p.string().primary(),
    eventId: p.string().primary(),
    type: p.string(),
    paymentId: p.uuid().nullable(),
    outcome: p.enum(['applied', 'ignored', 'unknown_payment'] as const),
    receivedAt: p.datetime(),
  },
});

/** Orders canceled before (or after) their payment request reached us. */
export const CanceledOrder = defineEntity({
  name: 'PaymentCanceledOrder',
  schema: 'payment',
  tableName: 'canceled_orders',
  properties: {
    orderId: p.uuid().primary(),
    canceledAt: p.datetime(),
  },
});
