import { Type } from 'typebox';
import { defineEvent } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { notification } from '../runtime.ts';

/** Attempt number `attempt` of a message is due (a task the module books for itself). */
export const SendDue = defineEvent(
  'notification.send_due.v1',
  Type.Object({
    messageId: Type.String({ format: 'uuid' }),
    attempt: Type.Integer({ minimum: 1 }),
  }),
  'A delivery attempt of a message is due',
);

/** Books an attempt in the caller's transaction; the key makes booking it twice a no-op. */
export const scheduleAttempt = (em: EntityManager, messageId: string, attempt: number, at: Date, key: string) =>
  notification().platform.bus.schedule(em, SendDue, { messageId, attempt }, { startAfter: at, key });

/** The next attempt booked as a lease on attempt `attempt`: it runs only if that one never reports back. */
export const leaseKey = (messageId: string, attempt: number) => `${messageId}:${attempt + 1}:lease`;
