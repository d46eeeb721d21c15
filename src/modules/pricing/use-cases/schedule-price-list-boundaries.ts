// A sale starting or ending changes the shelf price without any write, so every price list
// schedules this task at its boundaries; its handler recomputes the list's variants and publishes
// the ones whose shelf price changed.
import { Type } from 'typebox';
import { defineEvent, type EventBus } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';

/** A price list's start or end time has come. */
export const PriceListBoundaryReached = defineEvent(
  'pricing.price_list_boundary_reached.v1',
  Type.Object({ priceListId: Type.String({ format: 'uuid' }), at: Type.String({ format: 'date-time' }) }),
  'A price list starts or ends now: republish its variants',
);

/**
 * Schedules the boundary task at the list's future start and end, in the caller's transaction. The
 * key names the list and the moment, so saving a list twice schedules each moment once, and a
 * moved boundary gets a task of its own (the stale one finds nothing changed and publishes nothing).
 */
export async function schedulePriceListBoundaries(
  em: EntityManager,
  bus: EventBus,
  list: { id: string; startsAt?: Date | null; endsAt?: Date | null },
  now = new Date(),
): Promise<void> {
  for (const at of [list.startsAt, list.endsAt]) {
    if (!at || at.getTime() <= now.getTime()) continue;
    const iso = at.toISOString();
    await bus.schedule(
      em,
      PriceListBoundaryReached,
      { priceListId: list.id, at: iso },
      { startAfter: at, key: `${list.id}@${iso}` },
    );
  }
}
