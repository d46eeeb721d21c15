import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '../../platform/db/index.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { ShipmentDelivered, ShipmentShipped } from './contract.ts';
import { carrierFor } from './carriers.ts';
import { ShippingOption } from './option.entity.ts';
import type { Publish } from './publish.ts';
import { Shipment } from './shipment.entity.ts';
import { allowedActions, transition, type ShipmentStatus } from './shipment-status.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export const shipmentView = (s: Shipment) => ({
  id: s.id,
  orderId: s.orderId,
  displayId: s.displayId,
  customerId: s.customerId ?? null,
  email: s.email,
  status: s.status,
  // What staff can do next; cancel has no route (it follows the order's cancellation).
  actions: allowedActions(s.status).filter((a) => a !== 'cancel'),
  option: { id: s.optionId, code: s.optionCode ?? null, name: s.optionName ?? null },
  address: s.address,
  lines: s.lines,
  carrier: s.carrier ?? null,
  trackingNumber: s.trackingNumber ?? null,
  trackingUrl: s.trackingUrl ?? null,
  cancelReason: s.cancelReason ?? null,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
  shippedAt: iso(s.shippedAt),
  deliveredAt: iso(s.deliveredAt),
  canceledAt: iso(s.canceledAt),
});
export type ShipmentView = ReturnType<typeof shipmentView>;

async function lockShipment(em: EntityManager, id: string): Promise<Shipment> {
  const s = await em.findOne(Shipment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!s) throw new NotFound('Shipment');
  return s;
}

/** A pending shipment leaves with a carrier's tracking number: shipped, and shipment.shipped.v1 goes out. */
export async function shipShipment(
  em: EntityManager,
  publish: Publish,
  id: string,
  input: { carrier: string; trackingNumber: string },
): Promise<ShipmentView> {
  const carrier = carrierFor(input.carrier, input.trackingNumber);
  return em.transactional(async (tx) => {
    const s = await lockShipment(tx, id);
    s.status = transition(s.status, 'ship');
    // The option's template as it is now; the URL is then fixed on the shipment (and in the event).
    const option = await tx.findOne(ShippingOption, { id: s.optionId });
    const now = new Date();
    s.carrier = carrier.code;
    s.trackingNumber = input.trackingNumber;
    s.trackingUrl = carrier.trackingUrl(input.trackingNumber, option?.trackingUrlTemplate ?? null);
    s.shippedAt = now;
    s.updatedAt = now;
    await tx.flush();
    await publish(tx, ShipmentShipped, {
      shipmentId: s.id,
      orderId: s.orderId,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      trackingUrl: s.trackingUrl,
      shippedAt: now.toISOString(),
    });
    return shipmentView(s);
  });
}

/** A shipped parcel arrived: delivered, and shipment.delivered.v1 goes out. */
export async function deliverShipment(em: EntityManager, publish: Publish, id: string): Promise<ShipmentView> {
  return em.transactional(async (tx) => {
    const s = await lockShipment(tx, id);
    s.status = transition(s.status, 'deliver');
    const now = new Date();
    s.deliveredAt = now;
    s.updatedAt = now;
    await tx.flush();
    await publish(tx, ShipmentDelivered, { shipmentId: s.id, orderId: s.orderId, deliveredAt: now.toISOString() });
    return shipmentView(s);
  });
}

export async function getShipment(em: EntityManager, id: string): Promise<ShipmentView> {
  const s = await em.findOne(Shipment, { id });
  if (!s) throw new NotFound('Shipment');
  return shipmentView(s);
}

/** Newest first, in keyset pages (ids are UUIDv7). */
export async function listShipments(
  em: EntityManager,
  q: { orderId?: string; status?: ShipmentStatus; limit: number; cursor?: string },
) {
  const where: FilterQuery<Shipment> = {};
  if (q.orderId) where.orderId = q.orderId;
  if (q.status) where.status = q.status;
  if (q.cursor) where.id = { $lt: q.cursor };
  const rows = await em.find(Shipment, where, { orderBy: { id: 'desc' }, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return { items: page.map(shipmentView), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
}
