import type { EntityManager } from '../../../platform/db/index.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import { shippingRateFor } from '../../shipping/contract.ts';
import { readShippingOptions } from '../entities/cart-store.ts';
import { cartTotals } from '../domain/cart-rules.ts';
import { cartLines, loadCart } from './view-cart.ts';

/** The shipping options that ship this cart to the country (given, else the cart's), cheapest first. */
export async function listShippingOptions(
  em: EntityManager,
  cartId: string,
  user: CustomerPrincipal | undefined,
  countryCode?: string,
) {
  const cart = await loadCart(em, cartId, user);
  const country = countryCode ?? cart.country_code;
  if (!country) return [];
  const { subtotal, weightGrams } = cartTotals(await cartLines(em, cart));
  const items = [];
  for (const o of await readShippingOptions(em)) {
    const amount = shippingRateFor(o, { currency: cart.currency, countryCode: country, subtotal, weightGrams });
    if (amount !== null) items.push({ id: o.optionId, code: o.code, name: o.name, amount, currency: cart.currency });
  }
  return items.sort((a, b) => a.amount - b.amount);
}
