import type { Handler } from '../../platform/bus/index.ts';
import type { PayloadOf } from '../../platform/bus/index.ts';
import type { ShipmentShipped } from '../shipping/contract.ts';
import { kick } from './drive.ts';
import { scheduleRedrive } from './redrive.ts';
import { runtimeOf } from './runtime.ts';
import { paymentOfOrder, updatePayment } from './store.ts';

/**
 * shipment.shipped: with PAYMENT_CAPTURE=on_shipment, take the authorized money now (the whole
 * amount, on the order's first shipment) and publish payment.captured. A payment still pending
 * is captured as soon as it is authorized. With `immediate`, it was captured at authorization.
 */
export const onShipmentShipped: Handler<PayloadOf<typeof ShipmentShipped>> = async (ctx, event) => {
  const rt = runtimeOf(ctx.em);
  if (rt.platform.config.PAYMENT_CAPTURE !== 'on_shipment') return;
  const { orderId } = event.payload;
  const p = await paymentOfOrder(ctx.em, orderId, true);
  if (!p || (p.status !== 'pending' && p.status !== 'authorized') || p.captureRequestedAt || p.cancelRequestedAt) {
    if (!p || p.status === 'failed' || p.status === 'voided')
      ctx.log.warn({ orderId, status: p?.status }, 'order shipped without a live payment to capture');
    return;
  }
  await updatePayment(ctx.em, p.id, { captureRequestedAt: new Date() });
  await scheduleRedrive(ctx.em, rt, p.id, 'capture');
  ctx.afterCommit(async () => kick(rt, p.id));
};
