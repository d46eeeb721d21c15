import type { Handler } from '../../platform/bus/index.ts';
import type { PayloadOf } from '../../platform/bus/index.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { OrderCanceled, OrderPlaced } from '../order/contract.ts';
import type { ShipmentShipped } from '../shipping/contract.ts';
import { ReservationFailed, StockReserved } from './contract.ts';
import { InsufficientStock } from './errors.ts';
import { readReservation } from './reservation-read.ts';
import { reserveStock } from './reserve-stock.ts';
import { commitReservation, releaseReservation } from './settle-reservation.ts';
import { handlerContext } from './stock-context.ts';

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

/** Compensation: a canceled order's stock goes back on the shelf (if it was ever reserved). */
export const onOrderCanceled: Handler<PayloadOf<typeof OrderCanceled>> = async (ctx, { payload }) => {
  if (!(await readReservation(ctx.em, { reference: payload.orderId }))) return;
  await releaseReservation(handlerContext(ctx), { reference: payload.orderId }).catch((err) => {
    // Already shipped (committed): nothing to give back.
    if (!(err instanceof DomainError && err.status === 409)) throw err;
  });
};

/** The goods left: the reservation becomes a real stock movement. */
export const onShipmentShipped: Handler<PayloadOf<typeof ShipmentShipped>> = async (ctx, { payload }) => {
  if (!(await readReservation(ctx.em, { reference: payload.orderId }))) return;
  await commitReservation(handlerContext(ctx), { reference: payload.orderId });
};
