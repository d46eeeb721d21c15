import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STATUSES = ['queued', 'sent', 'failed'] as const;
export type MessageStatus = (typeof STATUSES)[number];

/** One message to one recipient, rendered when queued; `attempts` counts delivery attempts made. */
export const Message = defineEntity({
  name: 'NotificationMessage',
  schema: 'notification',
  tableName: 'messages',
  properties: {
    id: p.uuid().primary(),
    channel: p.enum(CHANNELS),
    template: p.text(),
    recipient: p.text(),
    /** The user or order the message is about. */
    subjectId: p.text(),
    /** Unique per fact and recipient, so a redelivered event makes no second message; null on resends. */
    dedupeKey: p.text().nullable().unique(),
    resendOf: p.uuid().nullable(),
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
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Message = InferEntity<typeof Message>;

/** One delivery attempt of a message. */
export const DeliveryAttempt = defineEntity({
  name: 'NotificationAttempt',
  schema: 'notification',
  tableName: 'attempts',
  properties: {
    messageId: p.uuid().primary(),
    attempt: p.integer().primary(),
    outcome: p.enum(['pending', 'sent', 'failed', 'interrupted'] as const),
    error: p.text().nullable(),
    providerMessageId: p.text().nullable(),
    startedAt: p.datetime().onCreate(() => new Date()),
    finishedAt: p.datetime().nullable(),
  },
});
export type DeliveryAttempt = InferEntity<typeof DeliveryAttempt>;

/** What notification keeps of a confirmed order, to address its shipment notices. */
export const OrderContact = defineEntity({
  name: 'NotificationOrder',
  schema: 'notification',
  tableName: 'orders',
  properties: {
    orderId: p.uuid().primary(),
    displayId: p.text(),
    customerId: p.uuid().nullable(),
    email: p.text(),
    phone: p.text().nullable(),
    firstName: p.text().nullable(),
    confirmedAt: p.datetime(),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type OrderContact = InferEntity<typeof OrderContact>;
