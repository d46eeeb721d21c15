import { LockMode } from '@mikro-orm/core';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { Shipment } from './shipment.entity.ts';
import { ShippingOption } from './shipping-option.entity.ts';

/** The option, locked for the rest of the transaction; a 404 when there is none. */
export async function lockOption(em: EntityManager, id: string): Promise<ShippingOption> {
  const o = await em.findOne(ShippingOption, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!o) throw new NotFound('Shipping option');
  return o;
}

/** The shipment, locked for the rest of the transaction; a 404 when there is none. */
export async function lockShipment(em: EntityManager, id: string): Promise<Shipment> {
  const s = await em.findOne(Shipment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!s) throw new NotFound('Shipment');
  return s;
}

/**
 * order.confirmed and order.canceled of one order arrive on separate queues, so in either order:
 * both handlers take this lock first, and whichever runs second sees what the first did.
 */
export async function lockOrder(em: EntityManager, orderId: string): Promise<void> {
  await query<{ locked: string }>(em, 'select pg_advisory_xact_lock(hashtextextended($1, 0))::text as locked', [
    `shipping.order:${orderId}`,
  ]);
}
