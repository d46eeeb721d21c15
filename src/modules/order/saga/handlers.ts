import { Type } from 'typebox';
import type { Handler, HandlerContext } from '../../../platform/bus/index.ts';
import { defineEvent, type PayloadOf } from '../../../platform/bus/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { OrderPriced, OrderPricingFailed } from '../../pricing/contract.ts';
import type { ReservationFailed, StockReserved } from '../../inventory/contract.ts';
import type {
  PaymentActionRequired,
  PaymentAuthorized,
  PaymentFailed,
  PaymentRefunded,
} from '../../payment/contract.ts';
import type { ShipmentShipped } from '../../shipping/contract.ts';
import { OrderCanceled, OrderConfirmed, OrderPaymentRequested, type CancelCode } from '../contract.ts';
import { nextStatus, type OrderStatus } from '../order-state.ts';
import { orderModule } from '../state.ts';

/** The order's own timer: an order still awaiting payment at this point is canceled. */
export const PaymentTimeoutDue = defineEvent(
  'order.payment_timeout_due.v1',
  Type.Object({ orderId: Type.String({ format: 'uuid' }) }),
  'Time is up for an order awaiting payment',
);

interface OrderRow {
  id: string;
  display_id: string;
  customer_id: string | null;
  email: string;
  currency: string;
  status: OrderStatus;
  lines: any[];
  totals: any;
  shipping_address: any;
  shipping_option_id: string;
  priced: boolean;
  reservation_id: string | null;
  payment_id: string | null;
  payment_method: any;
  client_secret: string | null;
}

/**
 * What a step writes with: its transaction and a publish through it (a handler's, or a staff
 * request's), and where to put work for after the commit, if it has such a place.
 */
export type StepContext = Pick<HandlerContext, 'em' | 'publish'> & Partial<Pick<HandlerContext, 'afterCommit'>>;

/** Every saga step starts here: the order row, locked, so steps of one order never interleave. */
const lockOrder = async (ctx: HandlerContext, id: string) =>
  (await query<OrderRow>(ctx.em, 'select * from "order".orders where id = $1 for update', [id]))[0];

/** Writes a step's columns, and the new status if it has one, in one statement. */
async function save(ctx: StepContext, o: OrderRow, extra: Record<string, unknown>, status?: OrderStatus) {
  const set = { ...(status ? { status } : {}), ...extra };
  const cols = Object.keys(set);
  const at = new Date();
  await query(
    ctx.em,
    `update "order".orders set updated_at = $2${cols.map((c, i) => `, ${c} = $${i + 3}`).join('')} where id = $1`,
    [o.id, at, ...cols.map((c) => set[c as keyof typeof set])],
  );
  if (!status) return;
  // No longer awaiting payment (paid, failed, canceled by staff): its timeout has nothing left to do.
  // Dropped in the same commit; a timeout already running is left alone and finds nothing to do.
  if (o.status === 'awaiting_payment') await orderModule().platform.bus.unschedule(PaymentTimeoutDue, o.id, ctx.em);
  // A shopper waiting on this order in this process hears of it as soon as it commits, with the
  // row as it now stands (the locked row and this write; lines and totals as the step parsed
  // them, not as the JSON text sent): no read before the answer.
  const note = { status, clientSecret: !!o.client_secret };
  const row = { ...o, ...extra, lines: o.lines, totals: o.totals, status, updated_at: at };
  ctx.afterCommit?.(() => Promise.resolve(orderModule().waiters.changed(o.id, note, row)));
  o.status = status;
}

/** Cancels and tells every participant to undo its part (release stock, void or refund, give back a code). */
export async function cancelOrder(
  ctx: StepContext,
  o: OrderRow,
  code: CancelCode,
  reason: string,
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  const to = nextStatus(o.status, 'cancel');
  if (!to) {
    if (Object.keys(extra).length) await save(ctx, o, extra);
    return false;
  }
  await save(ctx, o, { ...extra, cancel_reason: reason, canceled_at: new Date() }, to);
  await announceCancel(ctx, o, code, reason);
  return true;
}

const announceCancel = async (ctx: StepContext, o: OrderRow, reasonCode: CancelCode, reason: string): Promise<void> => {
  await ctx.publish(OrderCanceled, {
    orderId: o.id,
    displayId: o.display_id,
    customerId: o.customer_id,
    email: o.email,
    reason,
    reasonCode,
    reservationId: o.reservation_id,
    paymentId: o.payment_id,
    canceledAt: new Date().toISOString(),
  });
};

/** Saves a step's columns; once priced and reserved, asks for the money and starts the clock on it. */
async function advance(ctx: HandlerContext, o: OrderRow, extra: Record<string, unknown>) {
  const to = o.priced && o.reservation_id ? nextStatus(o.status, 'priced_and_reserved') : null;
  await save(ctx, o, extra, to ?? undefined);
  if (!to) return;
  await ctx.publish(OrderPaymentRequested, {
    orderId: o.id,
    customerId: o.customer_id,
    email: o.email,
    amount: o.totals.total,
    currency: o.currency as never,
    paymentMethod: o.payment_method,
  });
  const { platform } = orderModule();
  await platform.bus.schedule(
    ctx.em,
    PaymentTimeoutDue,
    { orderId: o.id },
    {
      startAfter: new Date(Date.now() + platform.config.PAYMENT_TIMEOUT_SECONDS * 1000),
      key: o.id,
    },
  );
}

export const onOrderPriced: Handler<PayloadOf<typeof OrderPriced>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx, p.orderId);
  if (!o) return;
  if (o.status === 'canceled') return announceCancel(ctx, o, 'compensation', 'order was already canceled'); // give the redeemed codes back
  if (o.status !== 'pending') return;
  const lines = o.lines.map((l: any) => {
    const priced = p.lines.find((x) => x.variantId === l.variantId)!;
    return { ...l, unitPrice: priced.unitPrice, discount: priced.discount, tax: priced.tax, total: priced.total };
  });
  Object.assign(o, { priced: true, lines, totals: p.totals });
  await advance(ctx, o, { priced: true, lines: JSON.stringify(lines), totals: JSON.stringify(p.totals) });
};

export const onStockReserved: Handler<PayloadOf<typeof StockReserved>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx, p.orderId);
  if (!o) return;
  o.reservation_id = p.reservationId;
  // Reserved after the order was canceled (the two answers crossed): release it again.
  if (o.status === 'canceled') {
    await save(ctx, o, { reservation_id: p.reservationId });
    return announceCancel(ctx, o, 'compensation', 'order was already canceled');
  }
  await advance(ctx, o, { reservation_id: p.reservationId });
};

export const onPricingFailed: Handler<PayloadOf<typeof OrderPricingFailed>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx, p.orderId);
  if (o) await cancelOrder(ctx, o, 'pricing_failed', `could not be priced: ${p.reason}`);
};

export const onReservationFailed: Handler<PayloadOf<typeof ReservationFailed>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx, p.orderId);
  if (o) await cancelOrder(ctx, o, 'out_of_stock', `out of stock: ${p.reason}`);
};

export const onPaymentAuthorized: Handler<PayloadOf<typeof PaymentAuthorized>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx, p.orderId);
  if (!o) return;
  if (o.status === 'canceled') {
    // Paid after the timeout canceled it: undo the payment too.
    o.payment_id = p.paymentId;
    await save(ctx, o, { payment_id: p.paymentId });
    return announceCancel(ctx, o, 'compensation', 'payment arrived after the order was canceled');
  }
  const to = nextStatus(o.status, 'payment_authorized');
  if (!to) return; // a duplicate (a webhook and the shopper's return both said "paid")
  await save(ctx, o, { payment_id: p.paymentId, confirmed_at: new Date() }, to);
  await ctx.publish(OrderConfirmed, {
    orderId: o.id,
    displayId: o.display_id,
    customerId: o.customer_id,
    email: o.email,
    currency: o.currency as never,
    lines: o.lines,
    totals: o.totals,
    shippingAddress: o.shipping_address,
    shippingOptionId: o.shipping_option_id,
    paymentId: p.paymentId,
    confirmedAt: new Date().toISOString(),
  });
};

export const onPaymentFailed: Handler<PayloadOf<typeof PaymentFailed>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx, p.orderId);
  if (!o || o.status !== 'awaiting_payment') return;
  o.payment_id = p.paymentId;
  await cancelOrder(ctx, o, 'payment_failed', `payment failed: ${p.reason}`, { payment_id: p.paymentId });
};

export const onPaymentActionRequired: Handler<PayloadOf<typeof PaymentActionRequired>> = async (
  ctx,
  { payload: p },
) => {
  await query(
    ctx.em,
    'update "order".orders set client_secret = $2, payment_id = $3, updated_at = now() where id = $1',
    [p.orderId, p.clientSecret, p.paymentId],
  );
};

export const onPaymentRefunded: Handler<PayloadOf<typeof PaymentRefunded>> = async (ctx, { payload: p }) => {
  if (p.voided) return;
  await query(
    ctx.em,
    'update "order".orders set refunded_amount = refunded_amount + $2, updated_at = now() where id = $1',
    [p.orderId, p.amount],
  );
};

export const onShipmentShipped: Handler<PayloadOf<typeof ShipmentShipped>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx, p.orderId);
  const to = o && nextStatus(o.status, 'shipped');
  if (o && to) await save(ctx, o, { fulfilled_at: new Date() }, to);
};

export const onPaymentTimeout: Handler<{ orderId: string }> = async (ctx, { payload }) => {
  const o = await lockOrder(ctx, payload.orderId);
  if (o?.status === 'awaiting_payment')
    await cancelOrder(ctx, o, 'payment_timeout', 'payment was not completed in time');
};
