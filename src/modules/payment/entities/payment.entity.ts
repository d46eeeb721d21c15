import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PAYMENT_STATUSES, PROVIDER_NAMES, RELEASES } from '../domain/payment-state.ts';

/**
 * One attempt to get an order's money. `status` only moves forward (domain/payment-state.ts); what
 * we still want the provider to do is kept beside it (capture/cancel requested, a release, pending
 * refunds), so a crash between the database and the provider loses nothing.
 */
export const Payment = defineEntity({
  name: 'Payment',
  schema: 'payment',
  tableName: 'payments',
  properties: {
    id: p.uuid().primary(),
    orderId: p.uuid(),
    attempt: p.integer().default(1),
    provider: p.enum(PROVIDER_NAMES),
    amount: p.integer(),
    currency: p.string().columnType('char(3)'),
    status: p.enum(PAYMENT_STATUSES),
    /** What the order gave to pay with: a test token or a Stripe PaymentMethod id (never card data). */
    token: p.text().nullable(),
    /** The provider's id for it (Stripe: the PaymentIntent id). */
    providerRef: p.text().nullable(),
    failureReason: p.text().nullable(),
    capturedAmount: p.integer().default(0),
    refundedAmount: p.integer().default(0),
    captureRequestedAt: p.datetime().nullable(),
    cancelRequestedAt: p.datetime().nullable(),
    /** The payment failed or was voided here but the provider still holds money: release it. */
    releaseRequired: p.enum(RELEASES).nullable(),
    /** The provider refused something we cannot settle alone; no automatic step runs until staff look. */
    needsAttention: p.text().nullable(),
    customerId: p.uuid().nullable(),
    correlationId: p.text(),
    requestEventId: p.uuid(),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    authorizedAt: p.datetime().nullable(),
    capturedAt: p.datetime().nullable(),
    canceledAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
  },
  // Predicates and checks are spelled as Postgres stores them, so the schema diff against the migration is empty.
  indexes: [{ name: 'payments_order_idx', properties: ['orderId', 'id'] }],
  uniques: [
    // At most one live payment per order; a failed or voided one lets the order try again.
    { name: 'payments_active_order_key', properties: ['orderId'], where: "status <> all (array['failed', 'voided'])" },
    { name: 'payments_provider_ref_key', properties: ['provider', 'providerRef'], where: 'provider_ref is not null' },
  ],
  checks: [
    { name: 'payments_attempt_check', expression: 'attempt >= 1' },
    { name: 'payments_amount_check', expression: 'amount >= 0' },
    { name: 'payments_captured_within_amount', expression: 'captured_amount >= 0 and captured_amount <= amount' },
    {
      name: 'payments_refunded_within_captured',
      expression: 'refunded_amount >= 0 and refunded_amount <= captured_amount',
    },
  ],
});
export type Payment = InferEntity<typeof Payment>;
