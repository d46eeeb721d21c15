import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { nowOnCreate } from '../../../platform/db/index.ts';
import { Delivery } from './delivery.entity.ts';

export const ATTEMPT_OUTCOMES = ['pending', 'succeeded', 'failed', 'interrupted'] as const;

/** The delivery log: one row per attempt, with what the receiver answered. */
export const Attempt = defineEntity({
  name: 'WebhookAttempt',
  schema: 'webhook',
  tableName: 'attempts',
  properties: {
    deliveryId: p
      .manyToOne(Delivery)
      .mapToPk()
      .fieldName('delivery_id')
      .foreignKeyName('attempts_delivery_id_fkey')
      .updateRule('no action')
      .deleteRule('cascade')
      .primary(),
    attempt: p.integer().primary(),
    outcome: p.enum(ATTEMPT_OUTCOMES),
    statusCode: p.integer().nullable(),
    latencyMs: p.integer().nullable(),
    /** The start of the answer's body (bounded), for staff reading why a receiver refused. */
    responseExcerpt: p.text().nullable(),
    error: p.text().nullable(),
    startedAt: nowOnCreate(),
    finishedAt: p.datetime().nullable(),
  },
});
export type Attempt = InferEntity<typeof Attempt>;
