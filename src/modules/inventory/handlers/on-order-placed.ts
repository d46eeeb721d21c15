import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { OrderPlaced } from '../../order/contract.ts';
import { ReservationFailed, StockReserved } from '../contract.ts';
import { InsufficientStock } from '../domain/insufficient-stock.ts';
import { reserveStock } from '../use-cases/reserve-stock.ts';
import { handlerContext } from '../use-cases/stock-context.ts';

/**
 * Saga step for order.placed: reserve every line or none (lines of one variant summed), keyed by
 * the order id, so a redelivered event finds the reservation it made.
 */
export const onOrderPlaced: Handler<PayloadOf<typeof OrderPlaced>> = async (ctx, { payload: o }) => {
  try {
    const { reservation } = await reserveStock(handlerContext(ctx), {
      reference: o.orderId,
      lines: o.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
    });
    await ctx.publish(StockReserved, { orderId: o.orderId, reservationId: reservation.id });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const variantIds = err instanceof InsufficientStock ? err.shortfalls.map((s) => s.variantId) : [];
    await ctx.publish(ReservationFailed, { orderId: o.orderId, reason: err.message, variantIds });
  }
};
