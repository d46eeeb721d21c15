import type { EntityManager } from '../../../platform/db/index.ts';
import { webhookDb, type AttemptRow, type DeliveryRow } from '../entities/webhook-db.ts';

export interface DeliveryQuery {
  endpointId?: string;
  status?: 'pending' | 'succeeded' | 'failed';
  eventId?: string;
  limit?: number;
  /** The last id of the previous page (newest first). */
  cursor?: string;
}

export async function listDeliveries(em: EntityManager, q: DeliveryQuery): Promise<DeliveryRow[]> {
  let sel = webhookDb(em).selectFrom('webhook.deliveries').selectAll();
  if (q.endpointId) sel = sel.where('endpoint_id', '=', q.endpointId);
  if (q.status) sel = sel.where('status', '=', q.status);
  if (q.eventId) sel = sel.where('event_id', '=', q.eventId);
  if (q.cursor) sel = sel.where('id', '<', q.cursor);
  return sel
    .orderBy('id', 'desc')
    .limit(q.limit ?? 50)
    .execute();
}

export async function getDelivery(em: EntityManager, id: string) {
  const db = webhookDb(em);
  const d = await db.selectFrom('webhook.deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) return undefined;
  const attempts: AttemptRow[] = await db
    .selectFrom('webhook.attempts')
    .selectAll()
    .where('delivery_id', '=', id)
    .orderBy('attempt')
    .execute();
  return { d, attempts };
}
