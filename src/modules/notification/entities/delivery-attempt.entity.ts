import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { nowOnCreate } from '../../../platform/db/index.ts';
import { Message } from './message.entity.ts';

export const OUTCOMES = ['pending', 'sent', 'failed', 'interrupted'] as const;

/** One delivery attempt of a message, for staff who want to know why a message is late or failed. */
export const DeliveryAttempt = defineEntity({
  name: 'NotificationAttempt',
  schema: 'notification',
  tableName: 'attempts',
  checks: [{ name: 'attempts_attempt_check', expression: 'attempt >= 1' }],
  properties: {
    messageId: p
      .manyToOne(Message)
      .mapToPk()
      .fieldName('message_id')
      .foreignKeyName('attempts_message_id_fkey')
      .updateRule('no action')
      .deleteRule('no action')
      .primary(),
    attempt: p.integer().primary(),
    outcome: p.enum(OUTCOMES),
    error: p.text().nullable(),
    providerMessageId: p.text().nullable(),
    startedAt: nowOnCreate(),
    finishedAt: p.datetime().nullable(),
  },
});
export type DeliveryAttempt = InferEntity<typeof DeliveryAttempt>;
