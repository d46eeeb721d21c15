import { query, type EntityManager } from '../../../platform/db/index.ts';
import { messageDetail, type AttemptRow, type MessageRow } from '../entities/message-rows.ts';

/** One message with its bodies and attempts, or null. */
export async function getMessage(em: EntityManager, id: string) {
  const [row] = await query<MessageRow>(em, 'select * from notification.messages where id = $1', [id]);
  if (!row) return null;
  const attempts = await query<AttemptRow>(
    em,
    'select * from notification.attempts where message_id = $1 order by attempt',
    [id],
  );
  return messageDetail(row, attempts);
}
