import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { nowOnCreate } from '../../../platform/db/index.ts';

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STATUSES = ['queued', 'sent', 'failed'] as const;
export type MessageStatus = (typeof STATUSES)[number];

const keyset = (name: string, column: string) => ({
  name,
  expression: `create index ${name} on notification.messages (${column}, id desc)`,
});

/** One message to one recipient, rendered when queued (a resend sends what was logged); `attempts` counts delivery attempts made. */
export const Message = defineEntity({
  name: 'NotificationMessage',
  schema: 'notification',
  tableName: 'messages',
  // One message per fact and recipient however often the fact is delivered; resends have no key.
  uniques: [{ name: 'messages_dedupe_key', properties: ['dedupeKey'] }],
  indexes: [
    keyset('messages_recipient_idx', 'lower(recipient)'),
    keyset('messages_status_idx', 'status'),
    keyset('messages_template_idx', 'template'),
    keyset('messages_subject_idx', 'subject_id'),
  ],
  checks: [
    { name: 'messages_attempts_check', expression: 'attempts >= 0' },
    { name: 'messages_sent_at', expression: "(status = 'sent') = (sent_at is not null)" },
    { name: 'messages_failed_at', expression: "(status = 'failed') = (failed_at is not null)" },
    { name: 'messages_email_subject', expression: "channel <> 'email' or subject is not null" },
  ],
  properties: {
    id: p.uuid().primary(),
    channel: p.enum(CHANNELS),
    template: p.text(),
    recipient: p.text(),
    /** The user or order the message is about. */
    subjectId: p.text(),
    /** Unique per fact and recipient, so a redelivered event makes no second message; null on resends. */
    dedupeKey: p.text().nullable(),
    resendOf: () =>
      p
        .manyToOne(Message)
        .mapToPk()
        .fieldName('resend_of')
        .foreignKeyName('messages_resend_of_fkey')
        .updateRule('no action')
        .deleteRule('no action')
        .nullable(),
    subject: p.text().nullable(),
    bodyText: p.text(),
    bodyHtml: p.text().nullable(),
    status: p.enum(STATUSES),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    providerMessageId: p.text().nullable(),
    nextAttemptAt: p.datetime().nullable(),
    lastAttemptAt: p.datetime().nullable(),
    sentAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
    createdAt: nowOnCreate(),
    updatedAt: nowOnCreate(),
  },
});
export type Message = InferEntity<typeof Message>;
