import type { EntityManager } from '../../../platform/db/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import {
  assignCart,
  deleteLine,
  findCart,
  lockCustomerCart,
  mergeCartInto,
  setLineQuantity,
} from '../entities/cart-store.ts';
import { openCart } from './open-cart.ts';
import { cartLines, cartView } from './view-cart.ts';

interface Adjustment {
  variantId: string;
  change: 'removed' | 'reduced';
  reason: string;
}

/**
 * After login the storefront hands the guest cart to the customer: its lines move into the
 * customer's active cart (or it becomes that cart), and every line is checked again against
 * today's prices and stock (a line that can no longer be bought is dropped, a quantity above
 * stock is cut to what is available). Returns the customer's cart and what changed.
 */
export async function claimCart(em: EntityManager, guestCartId: string, user: CustomerPrincipal) {
  const { cart, adjustments } = await em.transactional(async (tx) => {
    const guest = await openCart(tx, guestCartId, undefined);
    if (guest.customer_id) throw new Conflict('this cart already belongs to a customer');
    const target = await lockCustomerCart(tx, user.sub, guest.currency);
    if (target) await mergeCartInto(tx, guest.id, target.id);
    else await assignCart(tx, guest.id, user.sub, user.email);
    const cart = (await findCart(tx, target?.id ?? guest.id))!;
    const adjustments: Adjustment[] = [];
    for (const l of await cartLines(tx, cart)) {
      if (!l.sellable || l.unitPrice === null || l.available <= 0) {
        await deleteLine(tx, cart.id, l.id);
        const reason = !l.sellable
          ? 'no longer sold'
          : l.unitPrice === null
            ? `no price in ${cart.currency}`
            : 'out of stock';
        adjustments.push({ variantId: l.variantId, change: 'removed', reason });
      } else if (l.quantity > l.available) {
        await setLineQuantity(tx, l.id, l.available);
        adjustments.push({ variantId: l.variantId, change: 'reduced', reason: `only ${l.available} in stock` });
      }
    }
    return { cart, adjustments };
  });
  return { cart: await cartView(em.fork(), cart), adjustments };
}
