import { Type } from 'typebox';
import { TEMPLATES } from '../domain/templates/index.ts';
import { OUTCOMES } from '../entities/delivery-attempt.entity.ts';
import { CHANNELS, STATUSES } from '../entities/message.entity.ts';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const literals = <T extends readonly string[]>(xs: T) => Type.Union(xs.map((x) => Type.Literal(x)));

/** The error responses every notification admin route may give. */
export const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
};

export const IdParam = Type.Object({ id: Uuid });

export const MessageQuery = Type.Object(
  {
    to: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 320,
        description: 'Recipient address or phone number (case-insensitive, exact)',
      }),
    ),
    status: Type.Optional(literals(STATUSES)),
    template: Type.Optional(literals(TEMPLATES)),
    channel: Type.Optional(literals(CHANNELS)),
    subjectId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'The user or order id a message is about' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

const messageFields = {
  id: Uuid,
  channel: literals(CHANNELS),
  template: Type.String(),
  to: Type.String(),
  subjectId: Type.String({ description: 'The user or order the message is about' }),
  subject: Nullable(Type.String()),
  status: literals(STATUSES),
  attempts: Type.Integer({ description: 'Delivery attempts made' }),
  lastError: Nullable(Type.String()),
  providerMessageId: Nullable(
    Type.String({ description: 'The Message-ID of an email, the provider reference of an SMS' }),
  ),
  resendOf: Nullable(Uuid),
  nextAttemptAt: Nullable(Timestamp),
  lastAttemptAt: Nullable(Timestamp),
  sentAt: Nullable(Timestamp),
  failedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const MessageOut = Type.Object(messageFields, { $id: 'NotificationMessage' });

export const MessageDetailOut = Type.Object(
  {
    ...messageFields,
    text: Type.String(),
    html: Nullable(Type.String()),
    deliveryAttempts: Type.Array(
      Type.Object({
        attempt: Type.Integer(),
        outcome: literals(OUTCOMES),
        error: Nullable(Type.String()),
        providerMessageId: Nullable(Type.String()),
        startedAt: Timestamp,
        finishedAt: Nullable(Timestamp),
      }),
    ),
  },
  { $id: 'NotificationMessageDetail' },
);
