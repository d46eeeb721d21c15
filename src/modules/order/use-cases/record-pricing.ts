import type { HandlerContext, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderPriced } from '../../pricing/contract.ts';
import { addTimelineEntry, type TimelineEntryIn } from '../entities/timeline-store.ts';
import type { OrderRow } from '../entities/rows.ts';
import { publishCancellation } from './cancel-order.ts';
import { requestPaymentWhenReady } from './request-payment.ts';

/**
 * Pricing's amounts go on the order's lines; a canceled order hears it again (to give redeemed codes
 * back). `noted`: the step's timeline entry, written with the order's update when there is one.
 */
export async function recordPricing(
  ctx: HandlerContext,
  o: OrderRow,
  p: PayloadOf<typeof OrderPriced>,
  noted: TimelineEntryIn,
) {
  if (o.status !== 'pending') await addTimelineEntry(ctx.em, noted);
  if (o.status === 'canceled') return publishCancellation(ctx, o, 'compensation', 'order was already canceled');
  if (o.status !== 'pending') return;
  const lines = o.lines.map((l) => {
    const priced = p.lines.find((x) => x.variantId === l.variantId)!;
    return { ...l, unitPrice: priced.unitPrice, discount: priced.discount, tax: priced.tax, total: priced.total };
  });
  await requestPaymentWhenReady(ctx, o, { priced: true, lines, totals: p.totals }, noted);
}
