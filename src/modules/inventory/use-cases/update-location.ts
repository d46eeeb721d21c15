import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { StockLocation } from '../entities/location.entity.ts';
import { duplicateCode, type LocationInput } from './create-location.ts';

export async function updateLocation(
  em: EntityManager,
  id: string,
  patch: Partial<LocationInput>,
): Promise<StockLocation> {
  try {
    return await em.transactional(async (tx) => {
      const location = await tx.findOne(StockLocation, { id });
      if (!location) throw new NotFound('Stock location');
      tx.assign(location, patch);
      return location;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw duplicateCode(patch.code ?? '');
    throw err;
  }
}
