import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { idReference, nowOnCreate } from '../../../platform/db/index.ts';
import { Endpoint } from './endpoint.entity.ts';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

/** One event for one endpoint; its id is the `webhook-id` every attempt sends (receivers dedupe on it). */
export const Delivery = defineEntity({
  name: 'WebhookDelivery',
  schema: 'webhook',
  tableName: 'deliveries',
  uniques: [{ name: 'deliveries_endpoint_event_key', properties: ['endpointId', 'eventId'] }],
  indexes: [
    {
      name: 'deliveries_endpoint_idx',
      expression: 'create index deliveries_endpoint_idx on webhook.deliveries (endpoint_id, id desc)',
    },
    {
      // What the retention purge reads (use-cases/purge-deliveries.ts); pending rows stay out of it.
      name: 'deliveries_purge_idx',
      expression: "create index deliveries_purge_idx on webhook.deliveries (updated_at) where status <> 'pending'",
    },
  ],
  properties: {
    id: p.uuid().primary(),
    endpointId: idReference(Endpoint, 'endpoint_id', 'deliveries_endpoint_id_fkey', 'cascade'),
    eventId: p.uuid(),
    eventType: p.text(),
    /** The JSON exactly as sent and signed. */
    body: p.text(),
    status: p.enum(DELIVERY_STATUSES),
    attempts: p.integer().default(0),
    /** Grows by the retry budget on each manual redelivery. */
    attemptsAllowed: p.integer(),
    nextAttemptAt: p.datetime().nullable(),
    lastStatusCode: p.integer().nullable(),
    lastLatencyMs: p.integer().nullable(),
    lastError: p.text().nullable(),
    deliveredAt: p.datetime().nullable(),
    createdAt: nowOnCreate(),
    updatedAt: nowOnCreate(),
  },
});
export type Delivery = InferEntity<typeof Delivery>;
