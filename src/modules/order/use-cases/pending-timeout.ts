import { Type } from 'typebox';
import { defineEvent } from '../../../platform/bus/index.ts';

/**
 * The order's own timer from the moment it is placed: an order still pending then (pricing or
 * inventory never answered: a consumer is down) is canceled, releasing what it holds.
 */
export const PendingTimeoutDue = defineEvent(
  'order.pending_timeout_due.v1',
  Type.Object({ orderId: Type.String({ format: 'uuid' }) }),
  'Time is up for an order still waiting to be priced and reserved',
);
