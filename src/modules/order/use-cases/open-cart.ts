import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest, Conflict, NotFound } from '../../../platform/http/errors.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import { readVariant } from '../entities/cart-store.ts';
import { loadCart } from './view-cart.ts';

/** The cart, locked for this transaction, if the caller may change it (it is still active). */
export async function openCart(em: EntityManager, id: string, user: CustomerPrincipal | undefined) {
  const cart = await loadCart(em, id, user, true);
  if (cart.status !== 'active') throw new Conflict(`the cart is ${cart.status}; start a new one`);
  return cart;
}

/** What is on the shelf of a variant carts may hold and that has a price in the currency. */
export async function sellableStock(em: EntityManager, variantId: string, currency: string): Promise<number> {
  const v = await readVariant(em, variantId, currency);
  if (!v || !v.sellable) throw new NotFound(`Variant ${variantId}`);
  if (v.amount === null)
    throw new BadRequest(`variant ${variantId} has no price in ${currency}`, {
      errors: [{ field: 'variantId', message: `no price in ${currency}` }],
    });
  return v.available ?? 0;
}
