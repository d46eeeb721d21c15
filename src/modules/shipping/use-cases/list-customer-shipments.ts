import type { EntityManager } from '../../../platform/db/index.ts';
import { Shipment } from '../entities/shipment.entity.ts';

/** A customer's own shipments (their orders' parcels), newest first; optionally of some orders. */
export function listCustomerShipments(
  em: EntityManager,
  customerId: string,
  q: { orderIds?: string[]; limit: number },
): Promise<Shipment[]> {
  return em.find(
    Shipment,
    { customerId, ...(q.orderIds?.length ? { orderId: { $in: q.orderIds } } : {}) },
    { orderBy: { id: 'desc' }, limit: q.limit },
  );
}
