import { sql } from 'kysely';
import type { Envelope } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { POLICY } from '../domain/policy.ts';
import { webhookDb } from '../entities/webhook-db.ts';
import { retryKey, scheduleDue } from './delivery-due.ts';

/** The JSON a receiver gets (Standard Webhooks' type / timestamp / data, plus the event's id). */
export const deliveryBody = (event: Envelope) =>
  JSON.stringify({ id: event.id, type: event.name, timestamp: event.occurredAt, data: event.payload });

/**
 * One delivery per enabled endpoint that wants the event, and its first attempt booked, in the
 * event's transaction. A redelivered event finds its deliveries made and adds none.
 */
export async function fanOutEvent(em: EntityManager, event: Envelope): Promise<number> {
  const body = deliveryBody(event);
  const db = webhookDb(em);
  const endpoints = await db
    .selectFrom('webhook.endpoints')
    .where('enabled', '=', true)
    .where(sql<boolean>`event_types @> array[${event.name}]::text[]`)
    .select('id')
    .execute();
  if (!endpoints.length) return 0;
  const made = await db
    .insertInto('webhook.deliveries')
    .values(
      endpoints.map((e) => ({
        id: uuidv7(),
        endpoint_id: e.id,
        event_id: event.id,
        event_type: event.name,
        body,
        status: 'pending' as const,
        attempts_allowed: POLICY.maxAttempts,
      })),
    )
    .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
    .returning('id')
    .execute();
  const now = new Date();
  for (const d of made) await scheduleDue(em, d.id, 1, now, retryKey(d.id, 1));
  return made.length;
}
