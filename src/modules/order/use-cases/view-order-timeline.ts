import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { findOrder } from '../entities/order-store.ts';
import { timelineOf } from '../entities/timeline-store.ts';

/** An order's saga events and staff actions, oldest first, for staff. */
export async function viewOrderTimeline(em: EntityManager, orderId: string) {
  const order = await findOrder(em, orderId);
  if (!order) throw new NotFound('Order');
  const rows = await timelineOf(em, orderId);
  return {
    orderId,
    displayId: order.display_id,
    status: order.status,
    entries: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      occurredAt: new Date(r.occurred_at).toISOString(),
      eventId: r.event_id,
      actor: r.actor_id ? { staffId: r.actor_id } : null,
      details: r.details,
    })),
  };
}
