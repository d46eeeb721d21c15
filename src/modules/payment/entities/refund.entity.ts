import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { REFUND_ORIGINS, REFUND_STATUSES } from '../domain/payment-state.ts';
import { Payment } from './payment.entity.ts';

/** Money given back (or asked to be): by staff, by a cancellation, or seen at the provider. */
export const Refund = defineEntity({
  name: 'PaymentRefund',
  schema: 'payment',
  tableName: 'refunds',
  properties: {
    id: p.uuid().primary(),
    payment: () =>
      p.manyToOne(Payment).foreignKeyName('refunds_payment_id_fkey').updateRule('no action').deleteRule('no action'),
    amount: p.integer(),
    currency: p.string().columnType('char(3)'),
    status: p.enum(REFUND_STATUSES),
    origin: p.enum(REFUND_ORIGINS),
    reason: p.text().nullable(),
    failureReason: p.text().nullable(),
    providerRef: p.text().nullable(),
    requestEventId: p.uuid().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    completedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'refunds_payment_idx', properties: ['payment', 'id'] }],
  // A refund request redelivered by the bus makes no second refund.
  uniques: [
    { name: 'refunds_request_event_key', properties: ['requestEventId'], where: 'request_event_id is not null' },
  ],
  checks: [{ name: 'refunds_amount_check', expression: 'amount > 0' }],
});
export type Refund = InferEntity<typeof Refund>;
