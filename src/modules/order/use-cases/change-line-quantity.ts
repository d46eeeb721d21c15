import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import { findCartLine, setLineQuantity, touchCart } from '../entities/cart-store.ts';
import { checkStock } from '../domain/cart-rules.ts';
import { openCart, sellableStock } from './open-cart.ts';
import { viewCart } from './view-cart.ts';

/** Sets a line's quantity, within stock. */
export async function changeLineQuantity(
  em: EntityManager,
  cartId: string,
  user: CustomerPrincipal | undefined,
  lineId: string,
  quantity: number,
) {
  await em.transactional(async (tx) => {
    const cart = await openCart(tx, cartId, user);
    const line = await findCartLine(tx, cartId, lineId);
    if (!line) throw new NotFound('Cart line');
    checkStock(quantity, await sellableStock(tx, line.variant_id, cart.currency));
    await setLineQuantity(tx, lineId, quantity);
    await touchCart(tx, cartId);
  });
  return viewCart(em.fork(), cartId, user);
}
