import { uuidv7 } from '../../../platform/ids.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { BadRequest, Conflict, NotFound } from '../../../platform/http/errors.ts';
import type { AccessClaims } from '../../../platform/auth/tokens.ts';
import {
  CART_LINES_SQL,
  cartLinesSql,
  loadCart,
  shippingOptions,
  toLineView,
  visible,
  type CartRow,
} from './cart-view.ts';
import { CART_CURRENCY_SQL, CART_WITH_VERSION_SQL, onUnchangedCart, type VersionedCart } from './cart-version.ts';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 1000;

export async function createCart(
  em: EntityManager,
  user: AccessClaims | undefined,
  input: { currency: string; email?: string },
): Promise<CartRow> {
  const now = new Date();
  const [cart] = await query<CartRow>(
    em,
    `insert into "order".carts (id, customer_id, currency, email, created_at, updated_at)
    values ($1, $2, $3, $4, $5, $5) returning *`,
    [uuidv7(), user?.role === 'customer' ? user.sub : null, input.currency, input.email ?? user?.email ?? null, now],
  );
  return cart;
}

async function openCart(em: EntityManager, id: string, user: AccessClaims | undefined) {
  const cart = await loadCart(em, id, user, true);
  if (cart.status !== 'active') throw new Conflict(`the cart is ${cart.status}; start a new one`);
  return cart;
}

/** A variant carts may hold, with what is on the shelf and its price in the cart's currency. */
async function sellable(em: EntityManager, variantId: string, currency: string) {
  const [v] = await query<{ sellable: boolean; amount: string | null; available: number | null }>(
    em,
    `
    select v.sellable, p.amount, s.available from "order".variants v
    left join "order".variant_prices p on p.variant_id = v.variant_id and p.currency = $2
    left join "order".variant_stock s on s.variant_id = v.variant_id
    where v.variant_id = $1`,
    [variantId, currency],
  );
  if (!v || !v.sellable) throw new NotFound(`Variant ${variantId}`);
  if (v.amount === null)
    throw new BadRequest(`variant ${variantId} has no price in ${currency}`, {
      errors: [{ field: 'variantId', message: `no price in ${currency}` }],
    });
  return { available: v.available ?? 0 };
}

function checkStock(quantity: number, available: number) {
  if (quantity > available) {
    throw new BadRequest(available > 0 ? `only ${available} in stock` : 'out of stock', {
      errors: [{ field: 'quantity', message: `at most ${available} available` }],
    });
  }
}

const touch = (em: EntityManager, id: string) =>
  query(em, 'update "order".carts set updated_at = now() where id = $1', [id]);

/**
 * Adds a variant (to the line it already has, if any), within stock, and returns the cart with its
 * lines as this add left them. Two statements and no transaction: read the cart with its row
 * version (`xmin`), the variant, its price and stock and the cart's lines; then write the line
 * and touch the cart only if the cart row is still that version (every change to a cart updates
 * its row). A cart changed in between is read again (cart-version.ts).
 */
export async function addItem(
  em: EntityManager,
  cartId: string,
  user: AccessClaims | undefined,
  item: { variantId: string; quantity: number },
) {
  return onUnchangedCart(em, cartId, (on) => addOnce(on, cartId, user, item));
}

async function addOnce(
  em: EntityManager,
  cartId: string,
  user: AccessClaims | undefined,
  item: { variantId: string; quantity: number },
) {
  const [{ cart: found, variant: v, lines: rows }] = await query<{
    cart: VersionedCart | null;
    variant: {
      sku: string;
      title: string;
      weight_grams: number | null;
      sellable: boolean;
      amount: number | null;
      available: number | null;
    } | null;
    lines: any[];
  }>(
    em,
    `
    select ${CART_WITH_VERSION_SQL} as cart,
      (select row_to_json(x) from (
        select v.sku, v.title, v.weight_grams, v.sellable, p.amount, s.available from "order".variants v
        left join "order".variant_prices p on p.variant_id = v.variant_id and p.currency = ${CART_CURRENCY_SQL}
        left join "order".variant_stock s on s.variant_id = v.variant_id
        where v.variant_id = $2) x) as variant,
      (select coalesce(json_agg(l), '[]') from (${cartLinesSql('$1', CART_CURRENCY_SQL)}) l) as lines`,
    [cartId, item.variantId],
  );
  const cart = visible(found ?? undefined, user);
  if (cart.status !== 'active') throw new Conflict(`the cart is ${cart.status}; start a new one`);
  if (!v?.sellable) throw new NotFound(`Variant ${item.variantId}`);
  if (v.amount === null)
    throw new BadRequest(`variant ${item.variantId} has no price in ${cart.currency}`, {
      errors: [{ field: 'variantId', message: `no price in ${cart.currency}` }],
    });
  const lines = rows.map(toLineView);
  const existing = lines.find((l) => l.variantId === item.variantId);
  const quantity = (existing?.quantity ?? 0) + item.quantity;
  if (quantity > MAX_QUANTITY)
    throw new BadRequest(`at most ${MAX_QUANTITY} of one variant per cart`, {
      errors: [{ field: 'quantity', message: `at most ${MAX_QUANTITY}` }],
    });
  checkStock(quantity, v.available ?? 0);
  if (!existing && lines.length >= MAX_LINES) throw new BadRequest(`a cart holds at most ${MAX_LINES} lines`);
  const lineId = existing?.id ?? uuidv7();
  const [touched] = await query<CartRow>(
    em,
    `
    with cart as (
        update "order".carts set updated_at = now() where id = $1 and status = 'active' and xmin = $5::text::xid returning *),
      line as (
        insert into "order".cart_lines (id, cart_id, variant_id, quantity, created_at) select $3, $1, $2, $4, now() from cart
        on conflict (cart_id, variant_id) do update set quantity = excluded.quantity)
    select * from cart`,
    [cartId, item.variantId, lineId, quantity, cart.version],
  );
  if (!touched) return undefined; // the cart changed since the read
  const unitPrice = Number(v.amount);
  const line = {
    id: lineId,
    variantId: item.variantId,
    sku: v.sku,
    title: v.title,
    quantity,
    unitPrice,
    lineTotal: unitPrice * quantity,
    available: v.available ?? 0,
    sellable: true,
    weightGrams: v.weight_grams ?? 0,
  };
  return { cart: touched, lines: existing ? lines.map((l) => (l.id === existing.id ? line : l)) : [...lines, line] };
}

export async function setQuantity(
  em: EntityManager,
  cartId: string,
  user: AccessClaims | undefined,
  lineId: string,
  quantity: number,
) {
  return em.transactional(async (tx) => {
    const cart = await openCart(tx, cartId, user);
    const [line] = await query<{ variant_id: string }>(
      tx,
      'select variant_id from "order".cart_lines where id = $1 and cart_id = $2',
      [lineId, cartId],
    );
    if (!line) throw new NotFound('Cart line');
    checkStock(quantity, (await sellable(tx, line.variant_id, cart.currency)).available);
    await query(tx, 'update "order".cart_lines set quantity = $2 where id = $1', [lineId, quantity]);
    await touch(tx, cartId);
    return cart;
  });
}

export async function removeItem(em: EntityManager, cartId: string, user: AccessClaims | undefined, lineId: string) {
  return em.transactional(async (tx) => {
    const cart = await openCart(tx, cartId, user);
    const removed = await query(tx, 'delete from "order".cart_lines where id = $1 and cart_id = $2 returning id', [
      lineId,
      cartId,
    ]);
    if (!removed.length) throw new NotFound('Cart line');
    await touch(tx, cartId);
    return cart;
  });
}

/**
 * A code the shopper enters is checked against the codes pricing published: one that names no
 * promotion, is not valid yet or any more, or needs a signed-in customer is refused here, with the
 * reason, instead of failing the order at checkout. (Usage limits are pricing's to judge then.)
 */
async function checkCode(em: EntityManager, code: string, cart: CartRow): Promise<void> {
  const [c] = await query<{
    active: boolean;
    starts_at: Date | null;
    ends_at: Date | null;
    once_per_customer: boolean;
  }>(em, 'select active, starts_at, ends_at, once_per_customer from "order".promotion_codes where code = $1', [
    code.toUpperCase(),
  ]);
  const refuse = (message: string) =>
    new BadRequest(`promotion code ${code.toUpperCase()}: ${message}`, { errors: [{ field: 'code', message }] });
  const now = new Date();
  if (!c?.active) throw refuse('no promotion has this code');
  if (c.starts_at && new Date(c.starts_at) > now) throw refuse(`valid from ${new Date(c.starts_at).toISOString()}`);
  if (c.ends_at && new Date(c.ends_at) <= now) throw refuse('has expired');
  if (c.once_per_customer && !cart.customer_id) throw refuse('can be used once per customer: sign in to use it');
}

export async function updateCart(
  em: EntityManager,
  cartId: string,
  user: AccessClaims | undefined,
  patch: {
    email?: string;
    shippingOptionId?: string | null;
    countryCode?: string | null;
    promotionCode?: string | null;
  },
) {
  return em.transactional(async (tx) => {
    const cart = await openCart(tx, cartId, user);
    if (patch.shippingOptionId) {
      const option = (await shippingOptions(tx)).find((o) => o.optionId === patch.shippingOptionId && o.active);
      if (!option)
        throw new BadRequest(`unknown shipping option ${patch.shippingOptionId}`, {
          errors: [{ field: 'shippingOptionId', message: 'unknown or retired option' }],
        });
    }
    if (patch.promotionCode) await checkCode(tx, patch.promotionCode, cart);
    const sets: [string, unknown][] = [];
    if (patch.email !== undefined) sets.push(['email', patch.email]);
    if (patch.shippingOptionId !== undefined) sets.push(['shipping_option_id', patch.shippingOptionId]);
    if (patch.countryCode !== undefined) sets.push(['country_code', patch.countryCode]);
    if (patch.promotionCode !== undefined) sets.push(['promotion_code', patch.promotionCode?.toUpperCase() ?? null]);
    if (sets.length) {
      await query(
        tx,
        `update "order".carts set ${sets.map(([c], i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() where id = $1`,
        [cartId, ...sets.map(([, v]) => v)],
      );
    }
    return (await query<CartRow>(tx, 'select * from "order".carts where id = $1', [cartId]))[0];
  });
}

/**
 * After login the storefront hands the guest cart to the customer: its lines move into the
 * customer's active cart (or it becomes that cart), and every line is checked again against
 * today's prices and stock (a line that can no longer be bought is dropped, a quantity above
 * stock is cut to what is available). Returns the customer's cart id and what changed.
 */
export async function claimCart(em: EntityManager, guestCartId: string, user: AccessClaims) {
  return em.transactional(async (tx) => {
    const guest = await openCart(tx, guestCartId, undefined);
    if (guest.customer_id) throw new Conflict('this cart already belongs to a customer');
    const [target] = await query<CartRow>(
      tx,
      `select * from "order".carts where customer_id = $1 and status = 'active' and currency = $2 order by updated_at desc limit 1 for update`,
      [user.sub, guest.currency],
    );
    let cartId: string;
    if (target) {
      // (touched: a checkout of the target compares the cart row's version, see checkout.ts)
      await query(tx, `update "order".carts set updated_at = now() where id = $1`, [target.id]);
      await query(
        tx,
        `insert into "order".cart_lines (id, cart_id, variant_id, quantity, created_at)
        select gen_random_uuid(), $2, variant_id, quantity, created_at from "order".cart_lines where cart_id = $1
        on conflict (cart_id, variant_id) do update set quantity = least("order".cart_lines.quantity + excluded.quantity, ${MAX_QUANTITY})`,
        [guest.id, target.id],
      );
      await query(tx, `update "order".carts set status = 'merged', updated_at = now() where id = $1`, [guest.id]);
      cartId = target.id;
    } else {
      await query(
        tx,
        'update "order".carts set customer_id = $2, email = coalesce(email, $3), updated_at = now() where id = $1',
        [guest.id, user.sub, user.email],
      );
      cartId = guest.id;
    }
    const adjustments: { variantId: string; change: 'removed' | 'reduced'; reason: string }[] = [];
    const [cart] = await query<CartRow>(tx, 'select * from "order".carts where id = $1', [cartId]);
    const lines = (await query<any>(tx, CART_LINES_SQL, [cartId, cart.currency])).map(toLineView);
    for (const l of lines) {
      if (!l.sellable || l.unitPrice === null || l.available <= 0) {
        await query(tx, 'delete from "order".cart_lines where id = $1', [l.id]);
        adjustments.push({
          variantId: l.variantId,
          change: 'removed',
          reason: !l.sellable
            ? 'no longer sold'
            : l.unitPrice === null
              ? `no price in ${cart.currency}`
              : 'out of stock',
        });
      } else if (l.quantity > l.available) {
        await query(tx, 'update "order".cart_lines set quantity = $2 where id = $1', [l.id, l.available]);
        adjustments.push({ variantId: l.variantId, change: 'reduced', reason: `only ${l.available} in stock` });
      }
    }
    return { cart, adjustments };
  });
}
