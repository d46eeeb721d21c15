import type { Envelope } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { addTimelineEntry, type TimelineEntryIn, type TimelineKind } from '../entities/timeline-store.ts';

/**
 * Notes on the order's timeline an event the order module handled or published, in the same
 * transaction, keyed by the event's id (a redelivery adds nothing). `actorId`: the staff member
 * whose request it was.
 */
export function noteEvent(
  em: EntityManager,
  orderId: string,
  kind: TimelineKind,
  env: Pick<Envelope, 'id' | 'occurredAt'>,
  details: Record<string, unknown> = {},
  actorId: string | null = null,
) {
  return addTimelineEntry(em, timelineNote(orderId, kind, env, details, actorId));
}

/** The same entry, not yet written: a saga step hands it to recordOrderStep, which writes it with the order. */
export const timelineNote = (
  orderId: string,
  kind: TimelineKind,
  env: Pick<Envelope, 'id' | 'occurredAt'>,
  details: Record<string, unknown> = {},
  actorId: string | null = null,
): TimelineEntryIn => ({ orderId, eventId: env.id, kind, details, actorId, occurredAt: env.occurredAt });
