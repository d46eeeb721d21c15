import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import type { TemplateName } from '../domain/templates/index.ts';
import { messageView, type MessageRow } from '../entities/message-rows.ts';
import { enqueueMessage } from './enqueue-message.ts';

/**
 * Staff send a logged message again (the shopper lost it, or it failed while the mail server was
 * down): a new message with the same content, pointing back at the original, which stays as it
 * was. A message still being delivered cannot be resent yet.
 */
export async function resendMessage(em: EntityManager, id: string) {
  return em.transactional(async (tx) => {
    const [original] = await query<MessageRow>(tx, 'select * from notification.messages where id = $1 for update', [
      id,
    ]);
    if (!original) throw new NotFound('Message');
    if (original.status === 'queued')
      throw new Conflict(
        `Message ${id} is still being delivered (attempt ${original.attempts}); resend it once it is sent or failed`,
      );
    const copy = await enqueueMessage(tx, {
      channel: original.channel,
      template: original.template as TemplateName,
      to: original.recipient,
      subjectId: original.subject_id,
      content: { subject: original.subject, text: original.body_text, html: original.body_html },
      resendOf: original.id,
    });
    const [row] = await query<MessageRow>(tx, 'select * from notification.messages where id = $1', [copy]);
    return messageView(row);
  });
}
