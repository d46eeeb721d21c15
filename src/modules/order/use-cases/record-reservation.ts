import type { HandlerContext } from '../../../platform/bus/index.ts';
import type { TimelineEntryIn } from '../entities/timeline-store.ts';
import type { OrderRow } from '../entities/rows.ts';
import { publishCancellation } from './cancel-order.ts';
import { recordOrderStep } from './record-order-step.ts';
import { requestPaymentWhenReady } from './request-payment.ts';

/** Inventory reserved the lines; reserved after the order was canceled (the answers crossed): release it again. */
export async function recordReservation(
  ctx: HandlerContext,
  o: OrderRow,
  reservationId: string,
  noted: TimelineEntryIn,
) {
  if (o.status === 'canceled') {
    await recordOrderStep(ctx, o, { reservation_id: reservationId }, undefined, [noted]);
    return publishCancellation(ctx, o, 'compensation', 'order was already canceled');
  }
  await requestPaymentWhenReady(ctx, o, { reservation_id: reservationId }, noted);
}
