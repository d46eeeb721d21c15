import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { AccessClaims } from '../../../platform/auth/tokens.ts';
import { shippingRateFor, type ShippingOptionSnapshot } from '../../shipping/contract.ts';

export interface CartRow {
  id: string;
  customer_id: string | null;
  currency: string;
  email: string | null;
  promotion_code: string | null;
  shipping_option_id: string | null;
  country_code: string | null;
  status: string;
  created_at: Date;
  updated_at: Date;
}

/**
 * The cart, if this caller may see it: a guest cart by its unguessable id, a customer's cart only
 * with that customer's token (anyone else gets the same 404 as for a cart that does not exist).
 */
export async function loadCart(
  em: EntityManager,
  id: string,
  user: AccessClaims | undefined,
  lock = false,
): Promise<CartRow> {
  const [cart] = await query<CartRow>(em, `select * from "order".carts where id = $1 ${lock ? 'for update' : ''}`, [
    id,
  ]);
  return visible(cart, user);
}

/** The cart if this caller may see it (see loadCart), else a 404. */
export function visible<C extends CartRow>(cart: C | undefined, user: AccessClaims | undefined): C {
  if (!cart || (cart.customer_id && cart.customer_id !== user?.sub)) throw new NotFound('Cart');
  return cart;
}

export interface CartLineView {
  id: string;
  variantId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: number | null;
  lineTotal: number | null;
  available: number;
  sellable: boolean;
  weightGrams: number;
}

/** The cart's lines joined to this module's projections (SQL for the cart id and the currency); see toLineView. */
export const cartLinesSql = (cartId: string, currency: string) => `
    select l.id, l.variant_id, l.quantity, v.sku, v.title, coalesce(v.sellable, false) as sellable, coalesce(v.weight_grams, 0) as weight_grams,
      p.amount, coalesce(s.available, 0) as available
    from "order".cart_lines l
    left join "order".variants v on v.variant_id = l.variant_id
    left join "order".variant_prices p on p.variant_id = l.variant_id and p.currency = ${currency}
    left join "order".variant_stock s on s.variant_id = l.variant_id
    where l.cart_id = ${cartId} order by l.created_at, l.id`;

/** The same with $1 the cart id and $2 the currency. */
export const CART_LINES_SQL = cartLinesSql('$1', '$2');

export const toLineView = (r: any): CartLineView => ({
  id: r.id,
  variantId: r.variant_id,
  sku: r.sku ?? '',
  title: r.title ?? '',
  quantity: r.quantity,
  unitPrice: r.amount === null ? null : Number(r.amount),
  lineTotal: r.amount === null ? null : Number(r.amount) * r.quantity,
  available: r.available,
  sellable: r.sellable,
  weightGrams: r.weight_grams,
});

/** Lines with prices and stock from this module's own projections (the saga prices authoritatively). */
export async function cartLines(em: EntityManager, cart: CartRow): Promise<CartLineView[]> {
  return (await query<any>(em, CART_LINES_SQL, [cart.id, cart.currency])).map(toLineView);
}

export async function shippingOptions(em: EntityManager): Promise<ShippingOptionSnapshot[]> {
  return (await query<{ snapshot: ShippingOptionSnapshot }>(em, 'select snapshot from "order".shipping_options')).map(
    (r) => r.snapshot,
  );
}

/** What shipping rates are worked out from: the lines' subtotal at today's prices and their weight. */
export const cartTotals = (lines: CartLineView[]) => ({
  subtotal: lines.reduce((n, l) => n + (l.lineTotal ?? 0), 0),
  weightGrams: lines.reduce((n, l) => n + l.weightGrams * l.quantity, 0),
});

/** The cart as shoppers see it, with an estimate of shipping and total (pricing settles the real one). */
export async function cartView(em: EntityManager, cart: CartRow, known?: CartLineView[]) {
  const lines = known ?? (await cartLines(em, cart));
  const { subtotal, weightGrams } = cartTotals(lines);
  let shippingAmount: number | null = null;
  if (cart.shipping_option_id && cart.country_code) {
    const option = (await shippingOptions(em)).find((o) => o.optionId === cart.shipping_option_id);
    shippingAmount = option
      ? shippingRateFor(option, { currency: cart.currency, countryCode: cart.country_code, subtotal, weightGrams })
      : null;
  }
  return {
    id: cart.id,
    status: cart.status,
    currency: cart.currency,
    email: cart.email,
    customerId: cart.customer_id,
    promotionCode: cart.promotion_code,
    shippingOptionId: cart.shipping_option_id,
    countryCode: cart.country_code,
    lines,
    subtotal,
    shippingAmount,
    estimatedTotal: subtotal + (shippingAmount ?? 0),
    createdAt: new Date(cart.created_at).toISOString(),
    updatedAt: new Date(cart.updated_at).toISOString(),
  };
}
