import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { Shipment } from '../entities/shipment.entity.ts';

export async function getShipment(em: EntityManager, id: string): Promise<Shipment> {
  const s = await em.findOne(Shipment, { id });
  if (!s) throw new NotFound('Shipment');
  return s;
}
