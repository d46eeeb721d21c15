import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { StockLocation } from '../entities/location.entity.ts';

export interface LocationInput {
  code: string;
  name: string;
  countryCode: string | null;
}

/** The unique index (on lower(code)) decides, also between two concurrent requests. */
export const duplicateCode = (code: string) => new Conflict(`A stock location with code "${code}" already exists`);

export async function createLocation(em: EntityManager, input: LocationInput): Promise<StockLocation> {
  try {
    return await em.transactional(async (tx) => tx.create(StockLocation, { ...input, isDefault: false }));
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw duplicateCode(input.code);
    throw err;
  }
}
