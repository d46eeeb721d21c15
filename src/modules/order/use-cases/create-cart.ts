import type { EntityManager } from '../../../platform/db/index.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { CartCreated } from '../contract.ts';
import { insertCart } from '../entities/cart-store.ts';
import { cartView } from './view-cart.ts';

/**
 * A customer cart with a customer's token, a guest cart without. The cart and its
 * order.cart_created commit together; with nobody subscribed the publish writes nothing.
 */
export async function createCart(
  platform: Platform,
  em: EntityManager,
  user: CustomerPrincipal | undefined,
  input: { currency: string; email?: string },
) {
  const at = new Date();
  const values = {
    id: uuidv7(),
    customerId: user?.sub ?? null,
    currency: input.currency,
    email: input.email ?? user?.email ?? null,
    at,
  };
  const write = (tx: EntityManager) => insertCart(tx, values);
  const cart = platform.bus.queuesOf(CartCreated.name).length
    ? await em.transactional(async (tx) => {
        const row = await write(tx);
        const event = { cartId: row.id, customerId: row.customer_id, currency: input.currency as never };
        await platform.bus.publish(tx, CartCreated, { ...event, createdAt: at.toISOString() }, { producer: 'order' });
        return row;
      })
    : await write(em); // (no subscriber: no transaction to pay for)
  return cartView(em, cart, []); // (a new cart has no lines)
}
