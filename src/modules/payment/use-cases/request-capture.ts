import type { HandlerContext } from '../../../platform/bus/index.ts';
import { paymentOfOrder, updatePayment } from '../entities/payments.ts';
import { runtimeOf } from '../runtime.ts';
import { startProviderCalls } from './make-provider-calls.ts';
import { scheduleProviderCallDue } from './schedule-provider-call-due.ts';

/**
 * With PAYMENT_CAPTURE=on_shipment, takes the authorized money when the order ships (the whole
 * amount, on its first shipment) and publishes payment.captured. A payment still pending is
 * captured as soon as it is authorized. With `immediate`, it was captured at authorization.
 */
export async function requestCapture(ctx: HandlerContext, orderId: string): Promise<void> {
  const rt = runtimeOf(ctx.em);
  if (rt.platform.config.PAYMENT_CAPTURE !== 'on_shipment') return;
  const p = await paymentOfOrder(ctx.em, orderId, true);
  if (!p || (p.status !== 'pending' && p.status !== 'authorized') || p.captureRequestedAt || p.cancelRequestedAt) {
    if (!p || p.status === 'failed' || p.status === 'voided')
      ctx.log.warn({ orderId, status: p?.status }, 'order shipped without a live payment to capture');
    return;
  }
  await updatePayment(ctx.em, p.id, { captureRequestedAt: new Date() });
  await scheduleProviderCallDue(ctx.em, rt, p.id, 'capture');
  ctx.afterCommit(async () => startProviderCalls(rt, p.id));
}
