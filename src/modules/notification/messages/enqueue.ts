import { v7 as uuidv7 } from 'uuid';
import type { EntityManager } from '../../../platform/db/orm.ts';
import { query } from '../../../platform/db/sql.ts';
import type { Channel } from '../entities.ts';
import type { Rendered, TemplateName } from '../templates/index.ts';
import { scheduleAttempt } from './send-task.ts';

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
 * Logs the message as `queued` and schedules its first delivery attempt, both in the caller's
 * transaction: a message exists exactly when the fact that caused it committed. A fact seen
 * again (a redelivered or republished event) makes no second message; returns null then.
 */
export async function enqueueMessage(em: EntityManager, m: NewMessage): Promise<string | null> {
  const id = uuidv7();
  const dedupeKey = m.resendOf ? null : [m.channel, m.template, m.subjectId, m.occurrence ?? '', m.to.toLowerCase()].join(':');
  const inserted = await query(em,
    `insert into notification.messages (id, channel, template, recipient, subject_id, dedupe_key, resend_of, subject, body_text, body_html, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued')
     on conflict (dedupe_key) do nothing returning id`,
    [id, m.channel, m.template, m.to, m.subjectId, dedupeKey, m.resendOf ?? null, m.content.subject, m.content.text, m.content.html]);
  if (!inserted.length) return null;
  await scheduleAttempt(em, id, 1, new Date(), id);
  return id;
}
