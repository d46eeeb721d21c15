import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Rendered, TemplateName } from '../domain/templates/index.ts';
import type { Channel } from '../entities/message.entity.ts';
import { notificationDb } from '../entities/notification-db.ts';
import { sendAfterCommit, type SendNow } from './deliver-message.ts';
import { scheduleAttempt } from './send-due.ts';

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
  const claimed = now ? 1 : 0;
  // One statement logs the message and, when sent now, opens its first attempt.
  const msg = await notificationDb(em)
    .with('m', (db) =>
      db
        .insertInto('notification.messages')
        .values({
          id,
          channel: m.channel,
          template: m.template,
          recipient: m.to,
          subject_id: m.subjectId,
          dedupe_key: dedupeKey,
          resend_of: m.resendOf ?? null,
          subject: m.content.subject,
          body_text: m.content.text,
          body_html: m.content.html,
          status: 'queued',
          attempts: claimed,
          last_attempt_at: now ? sql<Date>`now()` : null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returningAll(),
    )
    .with('first', (db) =>
      db
        .insertInto('notification.attempts')
        .columns(['message_id', 'attempt', 'outcome'])
        .expression((eb) =>
          eb
            .selectFrom('m')
            .where(sql<boolean>`${claimed}::int = 1`)
            .select(['m.id', sql<number>`1`.as('attempt'), sql<'pending'>`'pending'`.as('outcome')]),
        ),
    )
    .selectFrom('m')
    .selectAll()
    .executeTakeFirst();
  if (!msg) return null;
  if (now) await sendAfterCommit(em, msg, 1, now);
  else await scheduleAttempt(em, id, 1, new Date(), id);
  return id;
}
