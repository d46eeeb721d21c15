import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from '../../platform/ids.ts';
import type { EntityManager } from '../../platform/db/index.ts';
import { query } from '../../platform/db/index.ts';
import type { Platform } from '../../platform/host/platform.ts';
import { BadRequest, Conflict, Unprocessable } from '../../platform/http/errors.ts';
import type { AccessClaims } from '../../platform/auth/tokens.ts';
import { shippingRateFor, type ShippingOptionSnapshot } from '../shipping/contract.ts';
import { OrderPlaced, type Address } from './contract.ts';
import { cartLinesSql, cartTotals, toLineView, visible } from './cart/cart-view.ts';
import { CART_CURRENCY_SQL, CART_WITH_VERSION_SQL, onUnchangedCart, type VersionedCart } from './cart/cart-version.ts';

export interface CheckoutInput {
  email?: string;
  shippingAddress: Address;
  shippingOptionId: string;
  paymentMethod: { provider: 'test' | 'stripe'; token?: string };
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type Placed = { orderId: string; order: any; guestToken: string | null; repeated: boolean };
const keyTaken = (err: unknown) => (err as { code?: string }).code === '23505';

/**
 * Turns the cart into a pending order and publishes order.placed, in two statements and no
 * explicit transaction (each statement is atomic):
 * 1. read the cart with its row version (`xmin`), its lines, the shipping options and the
 *    Idempotency-Key if it was seen; the request is checked against them here;
 * 2. one write: convert the cart only if its row is still that version and still active, and
 *    from that the order, the key and the order.placed jobs (jobs.ts `publishCtes`).
 * A cart changed between the two is read again (cart-version.ts). Two requests with one
 * Idempotency-Key: the second's write waits for the first's row lock, then finds the cart
 * converted (or the key taken), and its next read finds the key: the same order, never a second one. The same key with another body is a 422; another key for a cart already
 * checked out is a 409. Prices in the request are not read: pricing prices the order in the saga.
 */
export async function checkout(
  platform: Platform,
  em: EntityManager,
  cartId: string,
  user: AccessClaims | undefined,
  key: string,
  input: CheckoutInput,
): Promise<Placed> {
  const requestHash = sha256(JSON.stringify([cartId, input]));
  // (a key stored meanwhile by a request for another cart: the next read finds it)
  return onUnchangedCart(em, cartId, (on) => placeOnce(platform, on, cartId, user, key, input, requestHash), keyTaken);
}

/** One read and one write; undefined when the cart changed between them. */
async function placeOnce(
  platform: Platform,
  em: EntityManager,
  cartId: string,
  user: AccessClaims | undefined,
  key: string,
  input: CheckoutInput,
  requestHash: string,
): Promise<Placed | undefined> {
  const [{ cart: found, seen, lines: rows, options }] = await query<{
    cart: VersionedCart | null;
    seen: { request_hash: string; order_id: string } | null;
    lines: any[];
    options: ShippingOptionSnapshot[];
  }>(
    em,
    `
    select ${CART_WITH_VERSION_SQL} as cart,
      (select row_to_json(k) from (select request_hash, order_id from "order".idempotency_keys where key = $2) k) as seen,
      (select coalesce(json_agg(x), '[]') from (${cartLinesSql('$1', CART_CURRENCY_SQL)}) x) as lines,
      (select coalesce(json_agg(snapshot), '[]') from "order".shipping_options) as options`,
    [cartId, key],
  );
  const cart = visible(found ?? undefined, user);
  if (seen) {
    if (seen.request_hash !== requestHash)
      throw new Unprocessable('this Idempotency-Key was used for a different request');
    return { orderId: seen.order_id, order: null, guestToken: null, repeated: true };
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
  const shippingAmount = option
    ? shippingRateFor(option, {
        currency: cart.currency,
        countryCode: input.shippingAddress.countryCode,
        subtotal,
        weightGrams,
      })
    : null;
  if (shippingAmount === null) {
    throw new BadRequest(
      `shipping option ${input.shippingOptionId} does not ship to ${input.shippingAddress.countryCode} in ${cart.currency}`,
      { errors: [{ field: 'shippingOptionId', message: 'not available for this address' }] },
    );
  }
  const orderId = uuidv7();
  const guestToken = cart.customer_id ? null : randomBytes(24).toString('base64url');
  const now = new Date();
  const payload = {
    orderId,
    customerId: cart.customer_id,
    email,
    currency: cart.currency as never,
    lines: lines.map((l) => ({ lineId: l.id, variantId: l.variantId, quantity: l.quantity })),
    promotionCode: cart.promotion_code,
    shippingOptionId: input.shippingOptionId,
    shippingAmount,
    shippingAddress: input.shippingAddress,
    placedAt: now.toISOString(),
  };
  // The order and its order.placed commit together, or neither does.
  const written = await em.transactional(async (tx) => {
    const [row] = await query<{ order: any }>(
      tx,
      `
      with cart as (
          update "order".carts set status = 'converted', updated_at = $13 where id = $2 and status = 'active' and xmin = $16::text::xid returning id),
        placed as (
          insert into "order".orders (id, display_id, cart_id, customer_id, email, currency, status, lines, shipping_address,
            shipping_option_id, shipping_amount, promotion_code, payment_method, guest_token_hash, created_at, updated_at)
          select $1, 'T' || nextval('"order".display_id_seq'), $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10, $11, $12, $13, $13 from cart
          returning *),
        idem as (insert into "order".idempotency_keys (key, cart_id, request_hash, order_id, created_at) select $14, $2, $15, $1, $13 from placed)
      select (select row_to_json(o) from placed o) as order`,
      [
        orderId,
        cart.id,
        cart.customer_id,
        email,
        cart.currency,
        JSON.stringify(
          lines.map((l) => ({
            lineId: l.id,
            variantId: l.variantId,
            sku: l.sku,
            title: l.title,
            quantity: l.quantity,
          })),
        ),
        JSON.stringify(input.shippingAddress),
        input.shippingOptionId,
        shippingAmount,
        cart.promotion_code,
        JSON.stringify(input.paymentMethod),
        guestToken ? sha256(guestToken) : null,
        now,
        key,
        requestHash,
        cart.version,
      ],
    );
    if (row.order) await platform.bus.publish(tx, OrderPlaced, payload, { producer: 'order' });
    return row;
  });
  if (!written.order) return undefined;
  return { orderId, order: written.order, guestToken, repeated: false };
}
