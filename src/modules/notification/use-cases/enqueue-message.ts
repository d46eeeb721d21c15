import { uuidv7 } from '../../../platform/ids.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { Channel } from '../entities.ts';
import type { Rendered, TemplateName } from '../templates/index.ts';
import type { MessageRow } from './rows.ts';
import { scheduleAttempt, sendAfterCommit, type SendNow } from './send-task.ts';

export interface NewMessage {
  channel: Channel;
  template: TemplateName;
  to: string;
  /** The user or order the message is about. */
  subjectId: string;
  content: Rendered;
  /** Tells apart several messages of one template about one subject (e.g. one per shipment of an order). */
  occurrence?: string;
  /** A staff resend: a new message, never deduplicated. */
  resendOf?: string;
}

/**
 * Logs the message as `queued`, in the caller's transaction: a message exists exactly when the
 * fact that caused it committed. With `now` (an event handler), its first attempt is claimed in the
 * same transaction and sent right after the commit; without, that attempt is a task for the bus.
 * A fact seen again (a redelivered or republished event) makes no second message; returns null then.
 */
export async function enqueueMessage(em: EntityManager, m: NewMessage, now?: SendNow): Promise<string | null> {
  const id = uuidv7();
  const dedupeKey = m.resendOf
    ? null
    : [m.channel, m.template, m.subjectId, m.occurrence ?? '', m.to.toLowerCase()].join(':');
  const [msg] = await query<MessageRow>(
    em,
    `with m as (
       insert into notification.messages (id, channel, template, recipient, subject_id, dedupe_key, resend_of, subject, body_text, body_html, status,
         attempts, last_attempt_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', $11, case when $11 = 1 then now() end)
       on conflict (dedupe_key) do nothing returning *),
     first as (insert into notification.attempts (message_id, attempt, outcome) select id, 1, 'pending' from m where $11 = 1)
     select * from m`,
    [
      id,
      m.channel,
      m.template,
      m.to,
      m.subjectId,
      dedupeKey,
      m.resendOf ?? null,
      m.content.subject,
      m.content.text,
      m.content.html,
      now ? 1 : 0,
    ],
  );
  if (!msg) return null;
  if (now) await sendAfterCommit(em, msg, 1, now);
  else await scheduleAttempt(em, id, 1, new Date(), id);
  return id;
}
