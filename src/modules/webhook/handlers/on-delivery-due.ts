import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { DeliveryDue } from '../use-cases/delivery-due.ts';
import { startDueDelivery } from '../use-cases/start-due-delivery.ts';

/** webhook.delivery_due (the module's own task): an attempt whose time came. */
export const onDeliveryDue: Handler<PayloadOf<typeof DeliveryDue>> = async ({ em, afterCommit }, task) => {
  await startDueDelivery(em, task.payload.deliveryId, task.payload.attempt, afterCommit);
};
