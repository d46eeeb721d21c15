/**
 * The idempotency key of each provider call: the same call after a crash gets the first answer,
 * never a second charge, capture or refund.
 */
export const providerCallKeys = {
  /** The order id on the first attempt (Stripe finds the same PaymentIntent); a later attempt is a new one. */
  authorize: (p: { orderId: string; attempt: number }) => (p.attempt === 1 ? p.orderId : `${p.orderId}:${p.attempt}`),
  capture: (p: { id: string }) => `${p.id}:capture`,
  void: (p: { id: string }) => `${p.id}:void`,
  release: (p: { id: string }) => `${p.id}:release`,
  refund: (r: { id: string }) => r.id,
};
