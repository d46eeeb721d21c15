import { createHash } from 'node:crypto';
import { uuidv7 } from '../../../platform/ids.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { testPaymentsAllowed } from '../../../platform/config/payment.ts';
import { BadRequest, Conflict, Unprocessable } from '../../../platform/http/errors.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import { shippingRateFor } from '../../shipping/contract.ts';
import { OrderPlaced, type Address } from '../contract.ts';
import { noteEvent } from './note-timeline.ts';
import { convertCartToOrder, readCheckout } from '../entities/checkout-store.ts';
import { onUnchangedCart } from '../entities/cart-version.ts';
import type { PaymentMethodRecord } from '../entities/order.entity.ts';
import type { OrderRow } from '../entities/rows.ts';
import { cartTotals, toLineView } from '../domain/cart-rules.ts';
import { mintGuestToken, openGuestToken, sealGuestToken } from '../domain/guest-token.ts';
import { visible } from './view-cart.ts';
import { businessMetrics } from '../../../platform/observability/business-metrics.ts';

export interface CheckoutInput {
  email?: string;
  shippingAddress: Address;
  shippingOptionId: string;
  paymentMethod: PaymentMethodRecord;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The order placed (or found again by its key: `order` is then null, the caller reads it). */
export type Placed = { orderId: string; order: OrderRow | null; guestToken: string | null; repeated: boolean };
const keyTaken = (err: unknown) => (err as { code?: string }).code === '23505';

/**
 * Turns the cart into a pending order and publishes order.placed: one read (cart with its `xmin`,
 * lines, shipping options, the key if seen), then one write that lands only if the cart is
 * unchanged, with the publish, in one transaction; a changed cart is read again (cart-version.ts).
 * The same Idempotency-Key returns the same order, never a second one (a racing second request
 * waits for the first's row lock, then reads the key); with another body it is a 422; another key
 * for a converted cart is a 409. Prices in the request are not read: pricing prices the order.
 */
export async function placeOrder(
  platform: Platform,
  em: EntityManager,
  cartId: string,
  user: CustomerPrincipal | undefined,
  key: string,
  input: CheckoutInput,
): Promise<Placed> {
  requireUsablePaymentMethod(platform, input.paymentMethod);
  const request = { platform, cartId, user, key, input, requestHash: sha256(JSON.stringify([cartId, input])) };
  // (a key stored meanwhile by a request for another cart: the next read finds it)
  return onUnchangedCart(em, cartId, (on) => placeOnce(on, request), keyTaken);
}

/**
 * An order is placed only with a payment method that can pay: a `test` token where the test
 * provider is allowed (never in production unless PAYMENT_TEST_PROVIDER=on), or Stripe (its
 * PaymentMethod id, or none when the shopper confirms in the browser).
 */
function requireUsablePaymentMethod(platform: Platform, method: PaymentMethodRecord) {
  if (method.provider !== 'test') return;
  if (!testPaymentsAllowed(platform.config))
    throw new BadRequest('the test payment provider is off in production; pay with stripe', {
      errors: [{ field: 'paymentMethod.provider', message: 'not available' }],
    });
  if (!method.token)
    throw new BadRequest('a test payment needs a token (tok_success, ...)', {
      errors: [{ field: 'paymentMethod.token', message: 'required' }],
    });
}

interface CheckoutRequest {
  platform: Platform;
  cartId: string;
  user: CustomerPrincipal | undefined;
  key: string;
  input: CheckoutInput;
  requestHash: string;
}

/** One read and one write; undefined when the cart changed between them. */
async function placeOnce(em: EntityManager, request: CheckoutRequest): Promise<Placed | undefined> {
  const { platform, cartId, user, key, input, requestHash } = request;
  const { cart: found, seen, lines: rows, options } = await readCheckout(em, cartId, key);
  const cart = visible(found ?? undefined, user);
  if (seen) {
    if (seen.request_hash !== requestHash)
      throw new Unprocessable('this Idempotency-Key was used for a different request');
    const guestToken = seen.guest_token_sealed && openGuestToken(seen.guest_token_sealed, key, seen.order_id);
    return { orderId: seen.order_id, order: null, guestToken: guestToken ?? null, repeated: true };
  }
  if (cart.status !== 'active') throw new Conflict(`the cart is already ${cart.status}`);
  const email = input.email ?? cart.email ?? user?.email;
  if (!email)
    throw new BadRequest('an email is needed to check out', { errors: [{ field: 'email', message: 'required' }] });
  const lines = rows.map(toLineView);
  if (!lines.length) throw new BadRequest('the cart is empty');
  for (const l of lines) {
    if (!l.sellable || l.unitPrice === null)
      throw new Conflict(`${l.sku || l.variantId} can no longer be bought; remove it from the cart`);
  }
  const option = options.find((o) => o.optionId === input.shippingOptionId);
  const { subtotal, weightGrams } = cartTotals(lines);
  const { countryCode } = input.shippingAddress;
  const shippingAmount = option
    ? shippingRateFor(option, { currency: cart.currency, countryCode, subtotal, weightGrams })
    : null;
  if (shippingAmount === null) {
    throw new BadRequest(
      `shipping option ${input.shippingOptionId} does not ship to ${countryCode} in ${cart.currency}`,
      { errors: [{ field: 'shippingOptionId', message: 'not available for this address' }] },
    );
  }
  const orderId = uuidv7();
  const guestToken = cart.customer_id ? null : mintGuestToken();
  const now = new Date();
  const order = {
    id: orderId,
    cartId: cart.id,
    cartVersion: cart.version,
    customerId: cart.customer_id,
    email,
    currency: cart.currency,
    lines: lines.map((l) => ({
      lineId: l.id,
      variantId: l.variantId,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
    })),
    shippingAddress: input.shippingAddress,
    shippingOptionId: input.shippingOptionId,
    shippingAmount,
    promotionCode: cart.promotion_code,
    paymentMethod: input.paymentMethod,
    guestTokenHash: guestToken ? sha256(guestToken) : null,
    guestTokenSealed: guestToken ? sealGuestToken(guestToken, key, orderId) : null,
    idempotencyKey: key,
    requestHash,
    at: now,
  };
  // The order and its order.placed commit together, or neither does.
  const displayId = await em.transactional(async (tx) => {
    const displayId = await convertCartToOrder(tx, order);
    if (displayId === undefined) return undefined;
    const placed = await platform.bus.publish(
      tx,
      OrderPlaced,
      {
        orderId,
        customerId: order.customerId,
        email,
        currency: cart.currency as never,
        lines: order.lines.map(({ lineId, variantId, quantity }) => ({ lineId, variantId, quantity })),
        promotionCode: order.promotionCode,
        shippingOptionId: order.shippingOptionId,
        shippingAmount,
        shippingAddress: order.shippingAddress,
        placedAt: now.toISOString(),
      },
      { producer: 'order' },
    );
    const items = order.lines.reduce((n, l) => n + l.quantity, 0);
    await noteEvent(tx, orderId, 'placed', placed, { email, currency: cart.currency, items });
    // (an order nobody prices or reserves, a consumer being gone, is canceled by the deadline sweep)
    return displayId;
  });
  if (displayId === undefined) return undefined;
  businessMetrics.orderPlaced(cart.currency);
  return { orderId, order: pendingOrderRow(order, displayId), guestToken, repeated: false };
}

/** The order as its row now stands, from what was written (no read back). */
function pendingOrderRow(o: Parameters<typeof convertCartToOrder>[1], displayId: string): OrderRow {
  return {
    id: o.id,
    display_id: displayId,
    cart_id: o.cartId,
    customer_id: o.customerId,
    email: o.email,
    currency: o.currency,
    status: 'pending',
    lines: o.lines,
    totals: null,
    shipping_address: o.shippingAddress,
    shipping_option_id: o.shippingOptionId,
    shipping_amount: o.shippingAmount,
    promotion_code: o.promotionCode,
    payment_method: o.paymentMethod,
    priced: false,
    reservation_id: null,
    payment_id: null,
    client_secret: null,
    refunded_amount: 0,
    cancel_reason: null,
    guest_token_hash: o.guestTokenHash,
    created_at: o.at,
    updated_at: o.at,
    confirmed_at: null,
    canceled_at: null,
    fulfilled_at: null,
  };
}
