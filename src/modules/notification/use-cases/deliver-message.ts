// Delivery of a logged message, one attempt per task. The attempt is claimed in the task's
// transaction; the send itself runs after that commits (no transaction is held open while a mail
// server thinks), and its outcome is recorded in a short transaction of its own, which also
// publishes notification.sent / notification.failed or books the next attempt with backoff.
import type { Logger } from 'pino';
import { Type } from 'typebox';
import type { Handler, HandlerContext } from '../../../platform/bus/index.ts';
import { defineEvent, type Envelope, type PayloadOf } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { DeliveryError, type Outgoing } from '../channels/channel.ts';
import { NotificationFailed, NotificationSent } from '../contract.ts';
import { backoffMs, DELIVERY } from '../delivery-policy.ts';
import { notification } from '../state.ts';
import type { MessageRow } from './rows.ts';

/** Attempt number `attempt` of a message is due. */
export const SendDue = defineEvent(
  'notification.send_due.v1',
  Type.Object({
    messageId: Type.String({ format: 'uuid' }),
    attempt: Type.Integer({ minimum: 1 }),
  }),
  'A delivery attempt of a message is due',
);

/** Books an attempt in the caller's transaction; the key makes booking it twice a no-op. */
export const scheduleAttempt = (em: EntityManager, messageId: string, attempt: number, at: Date, key: string) =>
  notification().platform.bus.schedule(em, SendDue, { messageId, attempt }, { startAfter: at, key });

/** The next attempt booked as a lease on attempt `attempt`: it runs only if that one never reports back. */
const leaseKey = (messageId: string, attempt: number) => `${messageId}:${attempt + 1}:lease`;

type Outcome = { ok: true; providerMessageId: string } | { ok: false; error: string; permanent: boolean };

export const onSendDue: Handler<{ messageId: string; attempt: number }> = async ({ em, log, afterCommit }, task) => {
  const { messageId, attempt } = task.payload;
  const [msg] = await query<MessageRow>(em, 'select * from notification.messages where id = $1 for update', [
    messageId,
  ]);
  // Delivered, failed, or this attempt was made already (a retry and a lease expiry both book the
  // next attempt; whichever comes first makes it): nothing to do.
  if (!msg || msg.status !== 'queued' || msg.attempts !== attempt - 1) return;
  if (msg.attempts > 0) {
    // Booked by the lease, not by a recorded failure: the previous attempt never reported back.
    await query(
      em,
      `update notification.attempts set outcome = 'interrupted', finished_at = now()
                     where message_id = $1 and attempt = $2 and outcome = 'pending'`,
      [messageId, msg.attempts],
    );
  }
  if (attempt > DELIVERY.maxAttempts) {
    await markFailed(em, msg.id, msg.attempts, 'the last delivery attempt was interrupted', task.correlationId);
    return;
  }
  await query(
    em,
    `update notification.messages set attempts = $2, last_attempt_at = now(), next_attempt_at = null, updated_at = now()
                   where id = $1`,
    [messageId, attempt],
  );
  await query(em, `insert into notification.attempts (message_id, attempt, outcome) values ($1, $2, 'pending')`, [
    messageId,
    attempt,
  ]);
  await sendAfterCommit(em, msg, attempt, { afterCommit, correlationId: task.correlationId, log });
};

/** Where an attempt sent once its transaction commits reports to: that transaction's afterCommit, its trace, its log. */
export interface SendNow {
  afterCommit: HandlerContext['afterCommit'];
  correlationId: string;
  log: Logger;
}

/** A handler's SendNow: the message goes out right after the event's transaction commits. */
export const sendNow = (ctx: HandlerContext, event: Envelope): SendNow => ({
  afterCommit: ctx.afterCommit,
  correlationId: event.correlationId,
  log: ctx.log,
});

/**
 * Attempt `attempt` is claimed in the caller's transaction: book its lease (if this process dies
 * between the commit and recording the outcome, the lease books the next attempt) and send it
 * once that transaction commits.
 */
export async function sendAfterCommit(
  em: EntityManager,
  msg: MessageRow,
  attempt: number,
  now: SendNow,
): Promise<void> {
  await scheduleAttempt(em, msg.id, attempt + 1, new Date(Date.now() + DELIVERY.leaseMs), leaseKey(msg.id, attempt));
  now.afterCommit(() => deliver(msg, attempt, now.correlationId, now.log));
}

async function deliver(msg: MessageRow, attempt: number, correlationId: string, log: Logger): Promise<void> {
  const { email, sms, platform } = notification();
  const outgoing: Outgoing = {
    messageId: msg.id,
    to: msg.recipient,
    subject: msg.subject,
    text: msg.body_text,
    html: msg.body_html,
  };
  let outcome: Outcome;
  try {
    const { providerMessageId } = await (msg.channel === 'email' ? email : sms).send(outgoing);
    outcome = { ok: true, providerMessageId };
  } catch (err) {
    const permanent = err instanceof DeliveryError && err.permanent;
    outcome = { ok: false, error: String((err as Error).message ?? err).slice(0, 1000), permanent };
    log.warn({ err, messageId: msg.id, attempt, permanent }, 'delivery attempt failed');
  }
  await platform.orm.em.fork().transactional((em) => recordOutcome(em, msg, attempt, outcome, correlationId));
}

async function recordOutcome(
  em: EntityManager,
  msg: MessageRow,
  attempt: number,
  outcome: Outcome,
  correlationId: string,
): Promise<void> {
  await query(
    em,
    `update notification.attempts set outcome = $3, error = $4, provider_message_id = $5, finished_at = now()
                   where message_id = $1 and attempt = $2 and outcome = 'pending'`,
    [
      msg.id,
      attempt,
      outcome.ok ? 'sent' : 'failed',
      outcome.ok ? null : outcome.error,
      outcome.ok ? outcome.providerMessageId : null,
    ],
  );
  // The attempt reported back: its lease has nothing left to guard.
  await notification().platform.bus.unschedule(SendDue, leaseKey(msg.id, attempt), em);
  if (outcome.ok) {
    // Whatever attempt delivered it, the message is delivered.
    const [sent] = await query<MessageRow>(
      em,
      `update notification.messages set status = 'sent', sent_at = now(), provider_message_id = $2, last_error = null,
              next_attempt_at = null, updated_at = now()
       where id = $1 and status = 'queued' returning *`,
      [msg.id, outcome.providerMessageId],
    );
    if (sent) await publish(em, NotificationSent, about(sent), correlationId);
    return;
  }
  if (outcome.permanent || attempt >= DELIVERY.maxAttempts) {
    await markFailed(em, msg.id, attempt, outcome.error, correlationId);
    return;
  }
  const next = new Date(Date.now() + backoffMs(attempt));
  // Only if no later attempt started meanwhile (this one outlived its lease).
  const [waiting] = await query(
    em,
    `update notification.messages set last_error = $3, next_attempt_at = $4, updated_at = now()
     where id = $1 and status = 'queued' and attempts = $2 returning id`,
    [msg.id, attempt, outcome.error, next],
  );
  if (waiting) await scheduleAttempt(em, msg.id, attempt + 1, next, `${msg.id}:${attempt + 1}`);
}

async function markFailed(
  em: EntityManager,
  id: string,
  attempts: number,
  error: string,
  correlationId: string,
): Promise<void> {
  const [failed] = await query<MessageRow>(
    em,
    `update notification.messages set status = 'failed', failed_at = now(), last_error = $3, next_attempt_at = null, updated_at = now()
     where id = $1 and status = 'queued' and attempts = $2 returning *`,
    [id, attempts, error],
  );
  if (failed) await publish(em, NotificationFailed, { ...about(failed), error }, correlationId);
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
