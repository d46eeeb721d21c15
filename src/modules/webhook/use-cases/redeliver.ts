import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { POLICY } from '../domain/policy.ts';
import { Delivery } from '../entities/delivery.entity.ts';
import type { DeliveryRow } from '../entities/webhook-db.ts';
import { scheduleDue } from './delivery-due.ts';

/**
 * Staff send a delivery again (same webhook-id, so a receiver that had it can tell): it gets a fresh
 * retry budget and its next attempt at once. 409 while it is still pending or its endpoint is disabled.
 */
export async function redeliver(em: EntityManager, id: string): Promise<void> {
  const [d] = await query<DeliveryRow & { enabled: boolean }>(
    em,
    `select d.*, e.enabled from webhook.deliveries d join webhook.endpoints e on e.id = d.endpoint_id
      where d.id = $1 for update of d`,
    [id],
  );
  if (!d) throw new NotFound('Webhook delivery');
  if (d.status === 'pending') throw new Conflict('the delivery is still being attempted');
  if (!d.enabled) throw new Conflict('the endpoint is disabled; enable it first');
  const now = new Date();
  await em.nativeUpdate(
    Delivery,
    { id },
    {
      status: 'pending',
      attemptsAllowed: d.attempts + POLICY.maxAttempts,
      deliveredAt: null,
      nextAttemptAt: now,
      updatedAt: now,
    },
  );
  await scheduleDue(em, id, d.attempts + 1, now, `${id}:${d.attempts + 1}:redeliver`);
}
