import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import { findOrder } from '../entities/order-store.ts';
import { sha256 } from './place-order.ts';

/** An order for its customer (their token), or for a guest order the token returned at checkout. */
export async function viewOwnOrder(em: EntityManager, id: string, user: CustomerPrincipal | undefined, token?: string) {
  const order = await findOrder(em, id);
  const mine =
    order &&
    ((order.customer_id && user?.sub === order.customer_id) ||
      (!order.customer_id && token && order.guest_token_hash === sha256(token)));
  if (!mine) throw new NotFound('Order');
  return order;
}

/** An order, for staff. */
export async function viewOrder(em: EntityManager, id: string) {
  const order = await findOrder(em, id);
  if (!order) throw new NotFound('Order');
  return order;
}
