import type { Selectable } from 'kysely';
import type { NotificationDB } from './notification-db.ts';
import { redactTokens } from '../domain/redact.ts';

/** A row of notification.messages as SQL returns it. */
export type MessageRow = Selectable<NotificationDB['notification.messages']>;

/** A row of notification.attempts as SQL returns it. */
export type AttemptRow = Selectable<NotificationDB['notification.attempts']>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The message as the admin list shows it. */
export function messageView(r: MessageRow) {
  return {
    id: r.id,
    channel: r.channel,
    template: r.template,
    to: r.recipient,
    subjectId: r.subject_id,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    providerMessageId: r.provider_message_id,
    resendOf: r.resend_of,
    nextAttemptAt: iso(r.next_attempt_at),
    lastAttemptAt: iso(r.last_attempt_at),
    sentAt: iso(r.sent_at),
    failedAt: iso(r.failed_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
export type MessageView = ReturnType<typeof messageView>;

/** One message in full: what was sent and every attempt. */
export function messageDetail(r: MessageRow, attempts: AttemptRow[]) {
  return {
    ...messageView(r),
    text: redactTokens(r.body_text),
    html: r.body_html === null ? null : redactTokens(r.body_html),
    deliveryAttempts: attempts.map((a) => ({
      attempt: a.attempt,
      outcome: a.outcome,
      error: a.error,
      providerMessageId: a.provider_message_id,
      startedAt: iso(a.started_at)!,
      finishedAt: iso(a.finished_at),
    })),
  };
}
