import type { HandlerContext } from '../../../platform/bus/index.ts';
import { publisherFor } from '../../../platform/host/platform.ts';
import { lockOverdueOrders } from '../entities/order-store.ts';
import type { OrderRow } from '../entities/rows.ts';
import { orderModule } from '../runtime.ts';
import { cancelOrder, cancelUnpaidOrder } from './cancel-order.ts';
import type { StepContext } from './record-order-step.ts';

/** Orders one sweep cancels at most; the rest wait for the next one. */
const SWEEP_LIMIT = 200;

/**
 * Cancels the orders whose time ran out: still pending ORDER_PENDING_TIMEOUT_SECONDS after they were
 * placed (pricing or inventory never answered), or still awaiting payment PAYMENT_TIMEOUT_SECONDS
 * after their last change. Each in a savepoint of the sweep's transaction, so one that fails is
 * logged and left to the next sweep without undoing the others.
 */
export async function cancelOverdueOrders(ctx: HandlerContext): Promise<number> {
  const { platform } = orderModule();
  const { ORDER_PENDING_TIMEOUT_SECONDS: pending, PAYMENT_TIMEOUT_SECONDS: unpaid } = platform.config;
  const now = Date.now();
  const overdue = await lockOverdueOrders(
    ctx.em,
    new Date(now - pending * 1000),
    new Date(now - unpaid * 1000),
    SWEEP_LIMIT,
  );
  const publish = publisherFor(platform, 'order');
  let canceled = 0;
  for (const o of overdue) {
    const after: (() => Promise<void>)[] = [];
    try {
      await ctx.em.transactional((em) =>
        cancelOverdue({ em, publish: (e, p) => publish(em, e, p), afterCommit: (fn) => after.push(fn) }, o),
      );
      // (a waiting shopper hears of it only if this order's savepoint held)
      for (const fn of after) ctx.afterCommit(fn);
      canceled++;
    } catch (err) {
      ctx.log.warn({ err, orderId: o.id }, 'could not cancel an overdue order; the next sweep tries again');
    }
  }
  return canceled;
}

async function cancelOverdue(ctx: StepContext, o: OrderRow): Promise<void> {
  if (o.status === 'awaiting_payment')
    return cancelUnpaidOrder(ctx, o, 'payment_timeout', 'payment was not completed in time');
  const waiting = [o.priced ? undefined : 'pricing', o.reservation_id ? undefined : 'inventory'].filter(Boolean);
  const reason = `checkout did not complete in time (no answer from ${waiting.join(' and ')})`;
  await cancelOrder(ctx, o, 'checkout_timeout', reason);
}
