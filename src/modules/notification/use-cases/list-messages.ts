import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { Channel, MessageStatus } from '../entities/message.entity.ts';
import { messageView, type MessageRow } from '../entities/message-rows.ts';

export interface MessageQuery {
  to?: string;
  status?: MessageStatus;
  template?: string;
  channel?: Channel;
  subjectId?: string;
  limit: number;
  cursor?: string;
}

/** The message log, newest first, in keyset pages (ids are UUIDv7). */
export async function listMessages(em: EntityManager, q: MessageQuery) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.to) add('lower(recipient) = lower(?)', q.to.trim());
  if (q.status) add('status = ?', q.status);
  if (q.template) add('template = ?', q.template);
  if (q.channel) add('channel = ?', q.channel);
  if (q.subjectId) add('subject_id = ?', q.subjectId);
  if (q.cursor) add('id < ?', q.cursor);
  params.push(q.limit + 1);
  const rows = await query<MessageRow>(
    em,
    `select * from notification.messages ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit $${params.length}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  return { items: page.map(messageView), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
}
