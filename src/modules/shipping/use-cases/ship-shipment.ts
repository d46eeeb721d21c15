import type { EntityManager } from '../../../platform/db/index.ts';
import type { publisherFor } from '../../../platform/host/platform.ts';
import { ShipmentShipped } from '../contract.ts';
import { carrierFor } from '../domain/carriers.ts';
import { transition } from '../domain/shipment-status.ts';
import { lockShipment } from '../entities/locks.ts';
import type { Shipment } from '../entities/shipment.entity.ts';
import { ShippingOption } from '../entities/shipping-option.entity.ts';

/** A pending shipment leaves with a carrier's tracking number: shipped, and shipment.shipped.v1 goes out. */
export async function shipShipment(
  em: EntityManager,
  publish: ReturnType<typeof publisherFor>,
  id: string,
  input: { carrier: string; trackingNumber: string },
  staffId: string | null = null,
): Promise<Shipment> {
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
      ...(staffId ? { staffId } : {}),
    });
    return s;
  });
}
