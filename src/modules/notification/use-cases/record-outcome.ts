import type { PayloadOf } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotificationFailed, NotificationSent } from '../contract.ts';
import { backoffMs, DELIVERY } from '../domain/delivery-policy.ts';
import { DeliveryAttempt } from '../entities/delivery-attempt.entity.ts';
import type { MessageRow } from '../entities/message-rows.ts';
import { Message } from '../entities/message.entity.ts';
import { notification } from '../runtime.ts';
import { leaseKey, scheduleAttempt, SendDue } from './send-due.ts';

export type Outcome = { ok: true; providerMessageId: string } | { ok: false; error: string; permanent: boolean };

/**
 * Records how attempt `attempt` went, and publishes notification.sent / notification.failed or
 * books the next attempt with backoff.
 */
export async function recordOutcome(
  em: EntityManager,
  msg: MessageRow,
  attempt: number,
  outcome: Outcome,
  correlationId: string,
): Promise<void> {
  const now = new Date();
  await em.nativeUpdate(
    DeliveryAttempt,
    { messageId: msg.id, attempt, outcome: 'pending' },
    outcome.ok
      ? { outcome: 'sent', error: null, providerMessageId: outcome.providerMessageId, finishedAt: now }
      : { outcome: 'failed', error: outcome.error, providerMessageId: null, finishedAt: now },
  );
  // The attempt reported back: its lease has nothing left to guard.
  await notification().platform.bus.unschedule(SendDue, leaseKey(msg.id, attempt), em);
  if (outcome.ok) {
    // Whatever attempt delivered it, the message is delivered.
    const sent = await em.nativeUpdate(
      Message,
      { id: msg.id, status: 'queued' },
      {
        status: 'sent',
        sentAt: now,
        providerMessageId: outcome.providerMessageId,
        lastError: null,
        nextAttemptAt: null,
        updatedAt: now,
      },
    );
    if (sent) await publish(em, NotificationSent, about(msg), correlationId);
    return;
  }
  if (outcome.permanent || attempt >= DELIVERY.maxAttempts) {
    await markFailed(em, msg, attempt, outcome.error, correlationId);
    return;
  }
  const next = new Date(Date.now() + backoffMs(attempt));
  // Only if no later attempt started meanwhile (this one outlived its lease).
  const waiting = await em.nativeUpdate(
    Message,
    { id: msg.id, status: 'queued', attempts: attempt },
    { lastError: outcome.error, nextAttemptAt: next, updatedAt: now },
  );
  if (waiting) await scheduleAttempt(em, msg.id, attempt + 1, next, `${msg.id}:${attempt + 1}`);
}

/** The message has failed for good, if it is still queued after `attempts` attempts. */
export async function markFailed(
  em: EntityManager,
  msg: MessageRow,
  attempts: number,
  error: string,
  correlationId: string,
): Promise<void> {
  const now = new Date();
  const failed = await em.nativeUpdate(
    Message,
    { id: msg.id, status: 'queued', attempts },
    { status: 'failed', failedAt: now, lastError: error, nextAttemptAt: null, updatedAt: now },
  );
  if (failed) await publish(em, NotificationFailed, { ...about(msg), error }, correlationId);
}

const about = (m: MessageRow) => ({
  messageId: m.id,
  channel: m.channel,
  template: m.template,
  to: m.recipient,
  subjectId: m.subject_id,
});

/** Publishes with the causing event's correlation id, so the notice closes the same trace (one checkout, one trace). */
const publish = <E extends typeof NotificationSent | typeof NotificationFailed>(
  em: EntityManager,
  event: E,
  payload: PayloadOf<E>,
  correlationId: string,
) => notification().platform.bus.publish(em, event, payload, { producer: 'notification', correlationId });
