import type { Platform } from '../../../platform/host/platform.ts';
import { publisherFor } from '../../../platform/host/platform.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { OrderRefundRequested } from '../contract.ts';
import { refundAmount } from '../domain/refund.ts';
import { lockOrder } from '../entities/order-store.ts';
import { noteEvent } from './note-timeline.ts';
import { recordAudit, staffIdOf, type Actor } from '../../../platform/auth/audit.ts';

/** Staff refund a paid order, in part or whole: payment refunds it on order.refund_requested. */
export async function requestRefund(
  platform: Platform,
  orderId: string,
  input: { amount?: number; reason?: string },
  actor: Actor,
): Promise<number> {
  const publish = publisherFor(platform, 'order');
  return platform.orm.em.fork().transactional(async (em) => {
    const o = await lockOrder(em, orderId);
    if (!o) throw new NotFound('Order');
    const amount = refundAmount(
      {
        status: o.status,
        paymentId: o.payment_id,
        total: o.totals?.total ?? 0,
        refunded: Number(o.refunded_amount),
      },
      platform.config.PAYMENT_CAPTURE,
      input.amount,
    );
    const requested = await publish(em, OrderRefundRequested, {
      orderId,
      paymentId: o.payment_id!,
      amount,
      currency: o.currency as never,
      reason: input.reason ?? null,
    });
    const details = { amount, currency: o.currency, reason: input.reason ?? null };
    await noteEvent(em, orderId, 'refund_requested', requested, details, staffIdOf(actor));
    const refunded = Number(o.refunded_amount);
    await recordAudit(publish, em, actor, {
      action: 'order.refund',
      resourceType: 'order',
      resourceId: orderId,
      before: { status: o.status, refunded },
      after: { status: o.status, refundRequested: amount, currency: o.currency, reason: input.reason ?? null },
    });
    return amount;
  });
}
