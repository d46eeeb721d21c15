import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { POLICY } from '../domain/policy.ts';
import { Attempt } from '../entities/attempt.entity.ts';
import { Delivery } from '../entities/delivery.entity.ts';
import type { DeliveryRow } from '../entities/webhook-db.ts';
import { webhook } from '../runtime.ts';
import { leaseKey, scheduleDue } from './delivery-due.ts';
import { sendAttempt } from './send-attempt.ts';

type Due = DeliveryRow & { enabled: boolean; circuit_open_until: Date | null };

/**
 * Attempt `attempt` of a delivery is due: claim it in the task's transaction (with a lease that takes
 * over if it never reports back) and hand the request to the dispatcher once that commits. The bus
 * worker is free at once: the request runs on the dispatcher's own bounded slots.
 */
export async function startDueDelivery(
  em: EntityManager,
  deliveryId: string,
  attempt: number,
  afterCommit: (fn: () => Promise<void>) => void,
): Promise<void> {
  const [d] = await query<Due>(
    em,
    `select d.*, e.enabled, e.circuit_open_until from webhook.deliveries d
       join webhook.endpoints e on e.id = d.endpoint_id where d.id = $1 for update of d`,
    [deliveryId],
  );
  // Done, given up, or this attempt was made already (a retry and a lease may both book it).
  if (!d || d.status !== 'pending' || d.attempts !== attempt - 1) return;
  const now = new Date();
  if (d.attempts > 0)
    // Booked by a lease: the previous attempt never reported back (its process died mid-request).
    await em.nativeUpdate(
      Attempt,
      { deliveryId, attempt: d.attempts, outcome: 'pending' },
      { outcome: 'interrupted', error: 'no answer recorded (interrupted)', finishedAt: now },
    );
  if (!d.enabled || attempt > d.attempts_allowed) {
    const lastError = d.enabled ? 'attempts spent' : 'endpoint disabled';
    await em.nativeUpdate(
      Delivery,
      { id: deliveryId },
      { status: 'failed', nextAttemptAt: null, lastError, updatedAt: now },
    );
    return;
  }
  const openUntil = d.circuit_open_until ? new Date(d.circuit_open_until) : null;
  if (openUntil && openUntil > now) {
    // The endpoint's circuit is open: wait until it half-opens, without spending the attempt.
    await em.nativeUpdate(Delivery, { id: deliveryId }, { nextAttemptAt: openUntil, updatedAt: now });
    await scheduleDue(em, deliveryId, attempt, openUntil, `${deliveryId}:${attempt}:circuit:${openUntil.getTime()}`);
    return;
  }
  await em.nativeUpdate(Delivery, { id: deliveryId }, { attempts: attempt, nextAttemptAt: null, updatedAt: now });
  await em.insert(Attempt, { deliveryId, attempt, outcome: 'pending', startedAt: now });
  await scheduleDue(
    em,
    deliveryId,
    attempt + 1,
    new Date(now.getTime() + POLICY.leaseMs),
    leaseKey(deliveryId, attempt),
  );
  afterCommit(async () => webhook().dispatcher.submit(d.endpoint_id, () => sendAttempt(deliveryId, attempt)));
}
