import { BadRequest, Conflict } from '../../../platform/http/errors.ts';
import type { OrderStatus } from './order-state.ts';

/**
 * How much a refund takes back: the amount asked for, or all that is left. Only taken money can be
 * refunded: with capture on shipment, a confirmed order's payment is only authorized (a cancel releases it).
 */
export function refundAmount(
  o: { status: OrderStatus; paymentId: string | null; total: number; refunded: number },
  capture: 'immediate' | 'on_shipment',
  asked: number | undefined,
): number {
  if (!['confirmed', 'fulfilled'].includes(o.status) || !o.paymentId)
    throw new Conflict(`a ${o.status} order has no payment to refund`);
  if (o.status === 'confirmed' && capture === 'on_shipment') {
    throw new Conflict(
      'the payment of an order not yet shipped is only authorized, not taken: cancel the order to release it',
    );
  }
  const left = o.total - o.refunded;
  const amount = asked ?? left;
  if (amount > left || amount <= 0)
    throw new BadRequest(`at most ${left} can still be refunded`, {
      errors: [{ field: 'amount', message: `at most ${left}` }],
    });
  return amount;
}
