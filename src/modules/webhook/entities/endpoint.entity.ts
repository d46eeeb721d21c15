import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { nowOnCreate } from '../../../platform/db/index.ts';

/** A receiver staff registered: its URL, the event types it wants, its signing secret(s) and its health. */
export const Endpoint = defineEntity({
  name: 'WebhookEndpoint',
  schema: 'webhook',
  tableName: 'endpoints',
  checks: [{ name: 'endpoints_event_types_not_empty', expression: 'cardinality(event_types) > 0' }],
  properties: {
    id: p.uuid().primary(),
    url: p.text(),
    eventTypes: p.array(),
    description: p.text().nullable(),
    secret: p.text(),
    /** Still signs (beside the new one) until previousSecretExpiresAt. */
    previousSecret: p.text().nullable(),
    previousSecretExpiresAt: p.datetime().nullable(),
    enabled: p.boolean().default(true),
    disabledReason: p.text().nullable(),
    disabledAt: p.datetime().nullable(),
    /** Failed attempts in a row, across deliveries; opens the circuit and, further on, disables. */
    consecutiveFailures: p.integer().default(0),
    circuitOpenUntil: p.datetime().nullable(),
    /** Who hears when the endpoint is disabled. */
    contactEmail: p.text().nullable(),
    createdAt: nowOnCreate(),
    updatedAt: nowOnCreate(),
  },
});
export type Endpoint = InferEntity<typeof Endpoint>;
