import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import { lockOrder } from '../entities/order-store.ts';
import { cancelOrder } from '../use-cases/cancel-order.ts';
import type { PendingTimeoutDue } from '../use-cases/pending-timeout.ts';

/** Only a still-pending order is canceled: one priced and reserved meanwhile has its payment clock. */
export const onPendingTimeoutDue: Handler<PayloadOf<typeof PendingTimeoutDue>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx.em, p.orderId);
  if (o?.status !== 'pending') return;
  const waiting = [o.priced ? undefined : 'pricing', o.reservation_id ? undefined : 'inventory'].filter(Boolean);
  await cancelOrder(
    ctx,
    o,
    'checkout_timeout',
    `checkout did not complete in time (no answer from ${waiting.join(' and ')})`,
  );
};
