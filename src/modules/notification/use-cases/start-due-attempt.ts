import { query, type EntityManager } from '../../../platform/db/index.ts';
import { DELIVERY } from '../domain/delivery-policy.ts';
import { DeliveryAttempt } from '../entities/delivery-attempt.entity.ts';
import type { MessageRow } from '../entities/message-rows.ts';
import { Message } from '../entities/message.entity.ts';
import { sendAfterCommit, type SendNow } from './deliver-message.ts';
import { markFailed } from './record-outcome.ts';

/**
 * A booked attempt is due (after a failure's backoff, or a lease that expired): claim it in the
 * task's transaction and send it after the commit. Gives up once the attempts are spent.
 */
export async function startDueAttempt(em: EntityManager, messageId: string, attempt: number, now: SendNow) {
  const [msg] = await query<MessageRow>(em, 'select * from notification.messages where id = $1 for update', [
    messageId,
  ]);
  // Delivered, failed, or this attempt was made already (a retry and a lease expiry both book the
  // next attempt; whichever comes first makes it): nothing to do.
  if (!msg || msg.status !== 'queued' || msg.attempts !== attempt - 1) return;
  const at = new Date();
  if (msg.attempts > 0) {
    // Booked by the lease, not by a recorded failure: the previous attempt never reported back.
    await em.nativeUpdate(
      DeliveryAttempt,
      { messageId, attempt: msg.attempts, outcome: 'pending' },
      { outcome: 'interrupted', finishedAt: at },
    );
  }
  if (attempt > DELIVERY.maxAttempts) {
    await markFailed(em, msg, msg.attempts, 'the last delivery attempt was interrupted', now.correlationId);
    return;
  }
  await em.nativeUpdate(
    Message,
    { id: messageId },
    { attempts: attempt, lastAttemptAt: at, nextAttemptAt: null, updatedAt: at },
  );
  await em.insert(DeliveryAttempt, { messageId, attempt, outcome: 'pending', startedAt: at });
  await sendAfterCommit(em, msg, attempt, now);
}
