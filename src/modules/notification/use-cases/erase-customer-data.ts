import { query, type EntityManager } from '../../../platform/db/index.ts';

/**
 * A customer was erased: every message about them (account mails by their id, order mails by
 * their orders' ids) loses its recipient and content, and the order contacts lose the person.
 * The log keeps that a message of a template was sent when, not to whom or what it said. A message
 * still queued is failed instead of sent.
 */
export async function eraseCustomerData(em: EntityManager, customerId: string): Promise<void> {
  await query(
    em,
    `update notification.messages m set
        recipient = 'erased', subject = case when channel = 'email' then '[erased]' end,
        body_text = '[erased]', body_html = null, dedupe_key = null, next_attempt_at = null,
        last_error = case when status = 'queued' then 'recipient erased' else last_error end,
        failed_at = case when status = 'queued' then now() else failed_at end,
        status = case when status = 'queued' then 'failed' else status end,
        updated_at = now()
      where m.subject_id = $1
         or m.subject_id in (select order_id::text from notification.orders where customer_id = $2)`,
    [customerId, customerId],
  );
  await query(
    em,
    `update notification.orders set email = 'erased', phone = null, first_name = null, customer_id = null,
        updated_at = now()
      where customer_id = $1`,
    [customerId],
  );
}
