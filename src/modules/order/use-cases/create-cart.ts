import type { EntityManager } from '../../../platform/db/index.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { insertCart } from '../entities/cart-store.ts';
import { cartView } from './view-cart.ts';

/** A customer cart with a customer's token, a guest cart without. */
export async function createCart(
  em: EntityManager,
  user: CustomerPrincipal | undefined,
  input: { currency: string; email?: string },
) {
  const cart = await insertCart(em, {
    id: uuidv7(),
    customerId: user?.sub ?? null,
    currency: input.currency,
    email: input.email ?? user?.email ?? null,
    at: new Date(),
  });
  return cartView(em, cart, []); // (a new cart has no lines)
}
