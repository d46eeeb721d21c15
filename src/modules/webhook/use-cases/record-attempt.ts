import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { WebhookEndpointDisabled } from '../contract.ts';
import { POLICY, retryDelayMs } from '../domain/policy.ts';
import { Delivery } from '../entities/delivery.entity.ts';
import { webhookDb, type DeliveryRow } from '../entities/webhook-db.ts';
import { webhook } from '../runtime.ts';
import { DeliveryDue, leaseKey, retryKey, scheduleDue } from './delivery-due.ts';

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  excerpt: string | null;
  latencyMs: number;
  error: string | null;
}

/**
 * Logs what an attempt got and decides what follows: done; the next attempt after a growing delay;
 * or, attempts spent, failed. A failure counts against the endpoint: enough in a row open its circuit
 * (deliveries wait), more disable it and tell its contact (webhook.endpoint_disabled).
 */
export async function recordAttempt(em: EntityManager, d: DeliveryRow, attempt: number, o: AttemptOutcome) {
  const db = webhookDb(em);
  const now = new Date();
  const logged = await db
    .updateTable('webhook.attempts')
    .set({
      outcome: o.ok ? 'succeeded' : 'failed',
      status_code: o.statusCode,
      latency_ms: o.latencyMs,
      response_excerpt: o.excerpt,
      error: o.error,
      finished_at: now,
    })
    .where('delivery_id', '=', d.id)
    .where('attempt', '=', attempt)
    .where('outcome', '=', 'pending')
    .returning('attempt')
    .executeTakeFirst();
  if (!logged) return; // its lease took over meanwhile: that attempt counts as interrupted
  const { bus } = webhook().platform;
  await bus.unschedule(DeliveryDue, leaseKey(d.id, attempt), em);
  const last = { lastStatusCode: o.statusCode, lastLatencyMs: o.latencyMs, lastError: o.error, updatedAt: now };
  if (o.ok) {
    await em.nativeUpdate(Delivery, { id: d.id }, { ...last, status: 'succeeded', deliveredAt: now });
    await db
      .updateTable('webhook.endpoints')
      .set({ consecutive_failures: 0, circuit_open_until: null })
      .where('id', '=', d.endpoint_id)
      .where('consecutive_failures', '>', 0)
      .execute();
    return;
  }
  const endpoint = await db
    .updateTable('webhook.endpoints')
    .set((eb) => ({
      consecutive_failures: eb('consecutive_failures', '+', 1),
      circuit_open_until: sql<Date | null>`case when consecutive_failures + 1 >= ${POLICY.breakerThreshold}
        then now() + ${POLICY.breakerCooldownMs} * interval '1 millisecond' else circuit_open_until end`,
    }))
    .where('id', '=', d.endpoint_id)
    .returning(['consecutive_failures', 'enabled', 'url', 'contact_email'])
    .executeTakeFirst();
  let enabled = endpoint?.enabled ?? false;
  if (endpoint && enabled && endpoint.consecutive_failures >= POLICY.disableAfter) {
    enabled = false;
    await db
      .updateTable('webhook.endpoints')
      .set({
        enabled: false,
        disabled_at: now,
        disabled_reason: `${endpoint.consecutive_failures} failed attempts in a row`,
      })
      .where('id', '=', d.endpoint_id)
      .execute();
    await bus.publish(
      em,
      WebhookEndpointDisabled,
      {
        endpointId: d.endpoint_id,
        url: endpoint.url,
        contactEmail: endpoint.contact_email,
        failures: endpoint.consecutive_failures,
        lastError: o.error ?? 'failed',
        disabledAt: now.toISOString(),
      },
      { producer: 'webhook' },
    );
  }
  if (enabled && attempt < d.attempts_allowed) {
    const next = new Date(now.getTime() + retryDelayMs(attempt));
    await em.nativeUpdate(Delivery, { id: d.id }, { ...last, nextAttemptAt: next });
    await scheduleDue(em, d.id, attempt + 1, next, retryKey(d.id, attempt + 1));
  } else {
    await em.nativeUpdate(Delivery, { id: d.id }, { ...last, status: 'failed', nextAttemptAt: null });
  }
}
