import type { EntityManager } from '../../../platform/db/index.ts';
import type { publisherFor } from '../../../platform/host/platform.ts';
import { ShipmentDelivered } from '../contract.ts';
import { transition } from '../domain/shipment-status.ts';
import { lockShipment } from '../entities/locks.ts';
import type { Shipment } from '../entities/shipment.entity.ts';

/** A shipped parcel arrived: delivered, and shipment.delivered.v1 goes out. */
export async function deliverShipment(
  em: EntityManager,
  publish: ReturnType<typeof publisherFor>,
  id: string,
  staffId: string | null = null,
): Promise<Shipment> {
  return em.transactional(async (tx) => {
    const s = await lockShipment(tx, id);
    s.status = transition(s.status, 'deliver');
    const now = new Date();
    s.deliveredAt = now;
    s.updatedAt = now;
    await tx.flush();
    const deliveredAt = now.toISOString();
    await publish(tx, ShipmentDelivered, {
      shipmentId: s.id,
      orderId: s.orderId,
      deliveredAt,
      ...(staffId ? { staffId } : {}),
    });
    return s;
  });
}
