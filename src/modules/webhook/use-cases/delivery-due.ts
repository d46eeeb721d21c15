import { Type } from 'typebox';
import { defineEvent } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { webhook } from '../runtime.ts';

/** Attempt `attempt` of a delivery is due (a task the module books for itself). */
export const DeliveryDue = defineEvent(
  'webhook.delivery_due.v1',
  Type.Object({ deliveryId: Type.String({ format: 'uuid' }), attempt: Type.Integer({ minimum: 1 }) }),
  'A delivery attempt of a webhook is due',
);

/** Books an attempt in the caller's transaction; the same key twice books it once. */
export const scheduleDue = (em: EntityManager, deliveryId: string, attempt: number, at: Date, key: string) =>
  webhook().platform.bus.schedule(em, DeliveryDue, { deliveryId, attempt }, { startAfter: at, key });

/** The booking that takes over if attempt `attempt` never reports back (see POLICY.leaseMs). */
export const leaseKey = (deliveryId: string, attempt: number) => `${deliveryId}:${attempt + 1}:lease`;
export const retryKey = (deliveryId: string, attempt: number) => `${deliveryId}:${attempt}`;
