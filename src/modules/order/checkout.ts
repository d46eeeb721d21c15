import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { EntityManager } from '../../platform/db/orm.ts';
import { query } from '../../platform/db/sql.ts';
import { publisherFor, type Platform } from '../../platform/host/platform.ts';
import { BadRequest, Conflict, Unprocessable } from '../../platform/http/errors.ts';
import type { AccessClaims } from '../../platform/auth/tokens.ts';
import { shippingRateFor, type ShippingOptionSnapshot } from '../shipping/contract.ts';
import { OrderPlaced, type Address } from './contract.ts';
import { CART_LINES_SQL, cartTotals, loadCart, toLineView } from './cart/cart-view.ts';

export interface CheckoutInput {
  email?: string;
  shippingAddress: Address;
  shippingOptionId: string;
  paymentMethod: { provider: 'test' | 'stripe'; token?: string };
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Turns the cart into a pending order and publishes order.placed, in one transaction. The cart
 * row is locked first, so two requests with one Idempotency-Key queue up and the second finds the
 * key the first stored: the same order, never a second one. The same key with another body is a
 * 422; another key for a cart already checked out is a 409. Prices in the request are not read:
 * pricing prices the order in the saga.
 */
export async function checkout(platform: Platform, em: EntityManager, cartId: string, user: AccessClaims | undefined, key: string, input: CheckoutInput) {
  const requestHash = sha256(JSON.stringify([cartId, input]));
  return em.transactional(async (tx) => {
    const cart = await loadCart(tx, cartId, user, true);
    // Read after the lock (a new snapshot): a request with the same key that held the lock has
    // committed its key by now. Key, lines and shipping options come back in one round trip.
    const [{ seen, lines: rows, options }] = await query<{ seen: { request_hash: string; order_id: string } | null; lines: any[]; options: ShippingOptionSnapshot[] }>(tx, `
      select (select row_to_json(k) from (select request_hash, order_id from "order".idempotency_keys where key = $3) k) as seen,
        (select coalesce(json_agg(x), '[]') from (${CART_LINES_SQL}) x) as lines,
        (select coalesce(json_agg(snapshot), '[]') from "order".shipping_options) as options`, [cart.id, cart.currency, key]);
    if (seen) {
      if (seen.request_hash !== requestHash) throw new Unprocessable('this Idempotency-Key was used for a different request');
      return { orderId: seen.order_id, order: null, guestToken: null, repeated: true };
    }
    if (cart.status !== 'active') throw new Conflict(`the cart is already ${cart.status}`);
    const email = input.email ?? cart.email ?? user?.email;
    if (!email) throw new BadRequest('an email is needed to check out', { errors: [{ field: 'email', message: 'required' }] });
    const lines = rows.map(toLineView);
    if (!lines.length) throw new BadRequest('the cart is empty');
    for (const l of lines) {
      if (!l.sellable || l.unitPrice === null) throw new Conflict(`${l.sku || l.variantId} can no longer be bought; remove it from the cart`);
    }
    const option = options.find((o) => o.optionId === input.shippingOptionId);
    const { subtotal, weightGrams } = cartTotals(lines);
    const shippingAmount = option ? shippingRateFor(option, { currency: cart.currency, countryCode: input.shippingAddress.countryCode, subtotal, weightGrams }) : null;
    if (shippingAmount === null) {
      throw new BadRequest(`shipping option ${input.shippingOptionId} does not ship to ${input.shippingAddress.countryCode} in ${cart.currency}`, { errors: [{ field: 'shippingOptionId', message: 'not available for this address' }] });
    }
    const orderId = uuidv7();
    const guestToken = cart.customer_id ? null : randomBytes(24).toString('base64url');
    const now = new Date();
    // The order, the converted cart and the idempotency key in one statement.
    const [order] = await query<any>(tx, `
      with cart as (update "order".carts set status = 'converted', updated_at = $13 where id = $2),
        idem as (insert into "order".idempotency_keys (key, cart_id, request_hash, order_id, created_at) values ($14, $2, $15, $1, $13))
      insert into "order".orders (id, display_id, cart_id, customer_id, email, currency, status, lines, shipping_address,
        shipping_option_id, shipping_amount, promotion_code, payment_method, guest_token_hash, created_at, updated_at)
      values ($1, 'T' || nextval('"order".display_id_seq'), $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10, $11, $12, $13, $13)
      returning *`, [
      orderId, cart.id, cart.customer_id, email, cart.currency,
      JSON.stringify(lines.map((l) => ({ lineId: l.id, variantId: l.variantId, sku: l.sku, title: l.title, quantity: l.quantity }))),
      JSON.stringify(input.shippingAddress), input.shippingOptionId, shippingAmount, cart.promotion_code,
      JSON.stringify(input.paymentMethod), guestToken ? sha256(guestToken) : null, now, key, requestHash]);
    await publisherFor(platform, 'order')(tx, OrderPlaced, {
      orderId, customerId: cart.customer_id, email, currency: cart.currency as never,
      lines: lines.map((l) => ({ lineId: l.id, variantId: l.variantId, quantity: l.quantity })),
      promotionCode: cart.promotion_code, shippingOptionId: input.shippingOptionId, shippingAmount,
      shippingAddress: input.shippingAddress, placedAt: now.toISOString(),
    });
    return { orderId, order, guestToken, repeated: false };
  });
}
