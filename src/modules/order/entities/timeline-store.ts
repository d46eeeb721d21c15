import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { jsonb, orderDb } from './db.ts';

/** What the timeline says happened: saga steps, staff actions, and what the other modules told it. */
export type TimelineKind =
  | 'placed'
  | 'priced'
  | 'pricing_failed'
  | 'items_reserved'
  | 'reservation_failed'
  | 'payment_requested'
  | 'payment_action_required'
  | 'payment_authorized'
  | 'payment_failed'
  | 'payment_captured'
  | 'confirmed'
  | 'canceled'
  | 'refund_requested'
  | 'payment_refunded'
  | 'refund_failed'
  | 'shipped'
  | 'delivered';

export interface TimelineEntryIn {
  orderId: string;
  /** The bus event's id: the same event twice is one entry. */
  eventId: string;
  kind: TimelineKind;
  actorId?: string | null;
  details?: Record<string, unknown>;
  occurredAt: Date | string;
}

export interface TimelineRow {
  id: string;
  event_id: string;
  kind: TimelineKind;
  actor_id: string | null;
  details: Record<string, unknown>;
  occurred_at: Date;
}

/** The insert of entries; one already there for this (order, event, kind) stays as it is. */
export const insertTimelineEntries = (em: EntityManager, entries: TimelineEntryIn[]) =>
  orderDb(em)
    .insertInto('order.timeline')
    .values(
      entries.map((e) => ({
        id: uuidv7(),
        order_id: e.orderId,
        event_id: e.eventId,
        kind: e.kind,
        actor_id: e.actorId ?? null,
        details: jsonb(e.details ?? {}),
        occurred_at: new Date(e.occurredAt),
      })),
    )
    .onConflict((oc) => oc.columns(['order_id', 'event_id', 'kind']).doNothing());

/** Adds an entry in the caller's transaction. */
export async function addTimelineEntry(em: EntityManager, e: TimelineEntryIn): Promise<void> {
  await insertTimelineEntries(em, [e]).execute();
}

/** An order's timeline, oldest first. */
export const timelineOf = (em: EntityManager, orderId: string) =>
  query<TimelineRow>(
    em,
    'select id, event_id, kind, actor_id, details, occurred_at from "order".timeline where order_id = $1 order by occurred_at, id',
    [orderId],
  );
