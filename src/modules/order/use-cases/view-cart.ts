import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import { shippingRateFor } from '../../shipping/contract.ts';
import { findCart, readCartLines, readShippingOptions } from '../entities/cart-store.ts';
import type { CartRow } from '../entities/rows.ts';
import { cartTotals, toLineView, type CartLineView } from '../domain/cart-rules.ts';

/** The cart if this caller may see it: a guest cart by its unguessable id, a customer's only with their token. */
export function visible<C extends CartRow>(cart: C | undefined, user: CustomerPrincipal | undefined): C {
  // (anyone else gets the same 404 as for a cart that does not exist)
  if (!cart || (cart.customer_id && cart.customer_id !== user?.sub)) throw new NotFound('Cart');
  return cart;
}

/** The cart, if this caller may see it (see visible); locked with `lock`, inside a transaction. */
export async function loadCart(em: EntityManager, id: string, user: CustomerPrincipal | undefined, lock = false) {
  return visible(await findCart(em, id, lock), user);
}

/** Lines with prices and stock from this module's own projections. */
export async function cartLines(em: EntityManager, cart: CartRow): Promise<CartLineView[]> {
  return (await readCartLines(em, cart)).map(toLineView);
}

/** The cart as shoppers see it, with an estimate of shipping and total (pricing settles the real one). */
export async function cartView(em: EntityManager, cart: CartRow, known?: CartLineView[]) {
  const lines = known ?? (await cartLines(em, cart));
  const { subtotal, weightGrams } = cartTotals(lines);
  let shippingAmount: number | null = null;
  if (cart.shipping_option_id && cart.country_code) {
    const option = (await readShippingOptions(em)).find((o) => o.optionId === cart.shipping_option_id);
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

/** The cart, as this caller may see it, shaped for the shopper. */
export async function viewCart(em: EntityManager, id: string, user: CustomerPrincipal | undefined) {
  return cartView(em, await loadCart(em, id, user));
}
