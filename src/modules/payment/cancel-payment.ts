import { uuidv7 } from '../../platform/ids.ts';
import type { Handler } from '../../platform/bus/index.ts';
import type { PayloadOf } from '../../platform/bus/index.ts';
import { query } from '../../platform/db/index.ts';
import type { OrderCanceled } from '../order/contract.ts';
import { kick } from './drive.ts';
import { scheduleRedrive } from './redrive.ts';
import { runtimeOf } from './runtime.ts';
import { refundable } from './state.ts';
import { insertRefund, paymentOfOrder, pendingRefunds, updatePayment } from './store.ts';
import { markVoided } from './transitions.ts';

/**
 * order.canceled: undo the payment. Pending: voided at once (payment.refunded, voided, amount 0);
 * if the provider already answered (a Stripe intent awaiting the shopper), it is canceled there
 * too, and an authorization still under way is let go when it lands (transitions.ts). Authorized:
 * voided at the provider, then payment.refunded (voided). Captured: whatever is left is refunded,
 * then payment.refunded. Failed, voided or refunded: nothing. A second cancellation changes nothing.
 */
export const onOrderCanceled: Handler<PayloadOf<typeof OrderCanceled>> = async (ctx, event) => {
  const rt = runtimeOf(ctx.em);
  const { orderId, reason } = event.payload;
  // Remembered, so a payment request still on its way charges nothing.
  await query(ctx.em, 'insert into payment.canceled_orders (order_id) values ($1) on conflict do nothing', [orderId]);
  const p = await paymentOfOrder(ctx.em, orderId, true);
  if (!p) return;
  const tx = { em: ctx.em, rt, publish: ctx.publish };
  switch (p.status) {
    case 'pending':
      await markVoided(tx, p);
      if (p.providerRef) {
        await updatePayment(ctx.em, p.id, { releaseRequired: 'void' });
        await scheduleRedrive(ctx.em, rt, p.id, 'cancel');
        ctx.afterCommit(async () => kick(rt, p.id));
      }
      return;
    case 'authorized':
      if (p.cancelRequestedAt) return;
      await updatePayment(ctx.em, p.id, { cancelRequestedAt: new Date() });
      break;
    case 'captured':
    case 'partially_refunded': {
      if (p.cancelRequestedAt) return;
      await updatePayment(ctx.em, p.id, { cancelRequestedAt: new Date() });
      const left = refundable(p, await pendingRefunds(ctx.em, p.id));
      if (left <= 0) return;
      await insertRefund(ctx.em, {
        id: uuidv7(),
        paymentId: p.id,
        amount: left,
        currency: p.currency,
        status: 'pending',
        origin: 'cancel',
        reason: `order canceled: ${reason}`,
      });
      break;
    }
    default:
      return;
  }
  await scheduleRedrive(ctx.em, rt, p.id, 'cancel');
  ctx.afterCommit(async () => kick(rt, p.id));
};
