// Request and response schemas of the webhook routes. Every input has a limit.
import { Type, type TSchema } from 'typebox';
import { EVENT_TYPES } from '../domain/event-types.ts';

const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });

export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')]));
export const IdParam = Type.Object({ id: Uuid });

const EventType = Type.Unsafe<string>({ type: 'string', enum: EVENT_TYPES, description: 'A deliverable event' });
const Url = Type.String({
  minLength: 8,
  maxLength: 2000,
  pattern: '^https?://',
  description: 'http(s) URL; public addresses only',
});
const Secret = Type.String({
  pattern: '^whsec_[A-Za-z0-9+/]{32,256}={0,2}$',
  description: 'whsec_ and at least 24 random bytes in base64; generated when omitted',
});
const Email = Type.String({ format: 'email', maxLength: 320 });

export const EndpointIn = Type.Object(
  {
    url: Url,
    eventTypes: Type.Array(EventType, { minItems: 1, maxItems: EVENT_TYPES.length * 2 }),
    description: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
    contactEmail: Type.Optional(nullable(Email)),
    secret: Type.Optional(Secret),
  },
  { additionalProperties: false },
);

export const EndpointPatch = Type.Object(
  {
    url: Type.Optional(Url),
    eventTypes: Type.Optional(Type.Array(EventType, { minItems: 1, maxItems: EVENT_TYPES.length * 2 })),
    description: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
    contactEmail: Type.Optional(nullable(Email)),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const RotateIn = Type.Object(
  {
    /** How long the old secret still signs; default a day. */
    overlapSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 86_400 })),
    secret: Type.Optional(Secret),
  },
  { additionalProperties: false },
);

export const EndpointOut = Type.Object(
  {
    id: Uuid,
    url: Type.String(),
    eventTypes: Type.Array(Type.String()),
    description: nullable(Type.String()),
    contactEmail: nullable(Type.String()),
    enabled: Type.Boolean(),
    disabledReason: nullable(Type.String()),
    disabledAt: nullable(Timestamp),
    consecutiveFailures: Type.Integer(),
    circuitOpenUntil: nullable(Timestamp),
    previousSecretExpiresAt: nullable(Timestamp),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'WebhookEndpoint' },
);

export const DeliveryOut = Type.Object(
  {
    id: Uuid,
    endpointId: Uuid,
    eventId: Uuid,
    eventType: Type.String(),
    status: Type.String(),
    attempts: Type.Integer(),
    attemptsAllowed: Type.Integer(),
    nextAttemptAt: nullable(Timestamp),
    lastStatusCode: nullable(Type.Integer()),
    lastLatencyMs: nullable(Type.Integer()),
    lastError: nullable(Type.String()),
    deliveredAt: nullable(Timestamp),
    createdAt: Timestamp,
  },
  { $id: 'WebhookDelivery' },
);

export const AttemptOut = Type.Object({
  attempt: Type.Integer(),
  outcome: Type.String(),
  statusCode: nullable(Type.Integer()),
  latencyMs: nullable(Type.Integer()),
  responseExcerpt: nullable(Type.String()),
  error: nullable(Type.String()),
  startedAt: Timestamp,
  finishedAt: nullable(Timestamp),
});

export const DeliveryQuery = Type.Object(
  {
    endpointId: Type.Optional(Uuid),
    eventId: Type.Optional(Uuid),
    status: Type.Optional(
      Type.Unsafe<'pending' | 'succeeded' | 'failed'>({ type: 'string', enum: ['pending', 'succeeded', 'failed'] }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
