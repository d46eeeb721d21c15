/** Where an order is in its life. The saga and staff move it; nothing else writes `status`. */
export type OrderStatus = 'pending' | 'awaiting_payment' | 'confirmed' | 'fulfilled' | 'canceled';

export type OrderEvent =
  | 'priced_and_reserved' // pricing and inventory both answered yes
  | 'payment_authorized'
  | 'shipped'
  | 'cancel'; // a saga failure, a payment timeout, or staff

const transitions: Record<OrderStatus, Partial<Record<OrderEvent, OrderStatus>>> = {
  pending: { priced_and_reserved: 'awaiting_payment', cancel: 'canceled' },
  awaiting_payment: { payment_authorized: 'confirmed', cancel: 'canceled' },
  confirmed: { shipped: 'fulfilled', cancel: 'canceled' },
  fulfilled: {},
  canceled: {},
};

/** The next status, or null when the event does not apply in this status (late, duplicate, or not allowed). */
export function nextStatus(status: OrderStatus, event: OrderEvent): OrderStatus | null {
  return transitions[status][event] ?? null;
}

/** Settled: the checkout has an answer (paid, failed) or needs the shopper (Stripe confirmation). */
export const isSettled = (status: OrderStatus, awaitingClient: boolean) =>
  status === 'confirmed' ||
  status === 'fulfilled' ||
  status === 'canceled' ||
  (status === 'awaiting_payment' && awaitingClient);

export const ORDER_STATUSES = [
  'pending',
  'awaiting_payment',
  'confirmed',
  'fulfilled',
  'canceled',
] as const satisfies readonly OrderStatus[];
