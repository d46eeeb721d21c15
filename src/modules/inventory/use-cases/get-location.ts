import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { StockLocation } from '../entities/location.entity.ts';

export async function getLocation(em: EntityManager, id: string): Promise<StockLocation> {
  const location = await em.findOne(StockLocation, { id });
  if (!location) throw new NotFound('Stock location');
  return location;
}
