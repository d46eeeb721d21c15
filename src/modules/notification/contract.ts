import { Type } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';

const Uuid = Type.String({ format: 'uuid' });

export const NotificationSent = defineEvent(
  'notification.sent.v1',
  Type.Object({
    messageId: Uuid,
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
    template: Type.String(),
    to: Type.String(),
    /** The event that caused it, e.g. the order id. */
    subjectId: Type.String(),
  }),
  'A message was delivered to the mail server or SMS provider',
);

export const NotificationFailed = defineEvent(
  'notification.failed.v1',
  Type.Object({
    messageId: Uuid,
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
    template: Type.String(),
    to: Type.String(),
    subjectId: Type.String(),
    error: Type.String(),
  }),
  'A message could not be delivered after its retries',
);

export const notificationEvents = [NotificationSent, NotificationFailed];
