// Delivery of a logged message, one attempt at a time. The attempt is claimed in a transaction; the
// send itself runs after that commits (no transaction is held open while a mail server thinks), and
// its outcome is recorded in a short transaction of its own.
import type { Logger } from 'pino';
import type { Envelope, HandlerContext } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { DeliveryError, type Outgoing } from '../adapters/channel.ts';
import { DELIVERY } from '../domain/delivery-policy.ts';
import type { MessageRow } from '../entities/message-rows.ts';
import { notification } from '../runtime.ts';
import { recordOutcome, type Outcome } from './record-outcome.ts';
import { leaseKey, scheduleAttempt } from './send-due.ts';

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
