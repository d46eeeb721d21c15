import { defineRecurringTask, type Handler } from '../../../platform/bus/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { orderModule } from '../runtime.ts';
import { cancelOverdueOrders } from '../use-cases/cancel-overdue-orders.ts';

/**
 * The order module's deadline sweep: a quarter of the shorter timeout (1 to 30 s), so an order is
 * canceled at most that late; one job per period for the whole deployment instead of a timer
 * booked and dropped per order (docs/adr/0004).
 */
const sweep = defineRecurringTask(
  'order.overdue_sweep_due.v1',
  'Time to cancel the orders that ran out of time',
  () => {
    const c = orderModule().platform.config;
    return Math.min(
      30,
      Math.max(1, Math.floor(Math.min(c.ORDER_PENDING_TIMEOUT_SECONDS, c.PAYMENT_TIMEOUT_SECONDS) / 4)),
    );
  },
);
export const OverdueSweepDue = sweep.task;

export const scheduleOverdueSweep = (platform: Platform) => sweep.start(platform.bus, platform.orm);

export const onOverdueSweepDue: Handler<{ slot: number }> = async (ctx, task) => {
  // (the next run is booked in this run's transaction; an order that fails to cancel is caught in its
  // savepoint, so it does not end the chain)
  await sweep.next(orderModule().platform.bus, ctx.em, task.payload);
  const canceled = await cancelOverdueOrders(ctx);
  if (canceled) ctx.log.info({ canceled }, 'overdue orders canceled');
};
