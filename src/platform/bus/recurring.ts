import { Type } from 'typebox';
import type { EntityManager, Orm } from '../db/orm.ts';
import type { EventBus } from './bus.ts';
import { defineEvent, type EventDef } from './event.ts';

const SlotPayload = Type.Object({ slot: Type.Integer() });
type Slot = { slot: number };

/**
 * A module's own timer: a task that runs once per slot of `everySeconds`, however many processes
 * host the module and however often they restart (the slot number is the task's key). Each run
 * books the next one in its own transaction, and every boot books the coming slot, so a run that
 * failed for good (dead-lettered) ends the chain only until the next start. `everySeconds` may be
 * a function, read at each booking, for a period that follows the process's config.
 */
export function defineRecurringTask(name: string, description: string, everySeconds: number | (() => number)) {
  const task: EventDef<typeof SlotPayload> = defineEvent(name, SlotPayload, description);
  const period = () => (typeof everySeconds === 'number' ? everySeconds : everySeconds()) * 1000;
  const slotAt = (ms: number) => Math.floor(ms / period());
  const run = (slot: number) => ({ startAfter: new Date(slot * period()), key: String(slot) });
  return {
    task,
    /** At start: books the coming slot's run. */
    start: async (bus: EventBus, orm: Orm): Promise<void> => {
      const slot = slotAt(Date.now()) + 1;
      await orm.em.fork().transactional((em) => bus.schedule(em, task, { slot }, run(slot)));
    },
    /** In a run: books the next one in its transaction (a run that was late skips the slots it missed). */
    next: async (bus: EventBus, em: EntityManager, current: Slot): Promise<void> => {
      const slot = Math.max(current.slot, slotAt(Date.now())) + 1;
      await bus.schedule(em, task, { slot }, run(slot));
    },
  };
}
