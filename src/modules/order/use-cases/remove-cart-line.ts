import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import { deleteLine, touchCart } from '../entities/cart-store.ts';
import { openCart } from './open-cart.ts';
import { viewCart } from './view-cart.ts';

export async function removeCartLine(
  em: EntityManager,
  cartId: string,
  user: CustomerPrincipal | undefined,
  lineId: string,
) {
  await em.transactional(async (tx) => {
    await openCart(tx, cartId, user);
    if (!(await deleteLine(tx, cartId, lineId))) throw new NotFound('Cart line');
    await touchCart(tx, cartId);
  });
  return viewCart(em.fork(), cartId, user);
}
