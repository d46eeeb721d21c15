import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const OUTCOMES = ['pending', 'sent', 'failed', 'interrupted'] as const;

/** One delivery attempt of a message, for staff who want to know why a message is late or failed. */
export const DeliveryAttempt = defineEntity({
  name: 'NotificationAttempt',
  schema: 'notification',
  tableName: 'attempts',
  checks: [{ name: 'attempts_attempt_check', expression: 'attempt >= 1' }],
  properties: {
    messageId: p.uuid().primary(),
    attempt: p.integer().primary(),
    outcome: p.enum(OUTCOMES),
    error: p.text().nullable(),
    providerMessageId: p.text().nullable(),
    startedAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
    finishedAt: p.datetime().nullable(),
  },
});
export type DeliveryAttempt = InferEntity<typeof DeliveryAttempt>;
