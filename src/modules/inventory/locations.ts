import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../platform/db/index.ts';
import { Conflict, NotFound } from '../../platform/http/errors.ts';
import { StockLocation } from './location.entity.ts';

export interface LocationInput {
  code: string;
  name: string;
  countryCode: string | null;
}

const duplicate = (code: string) => new Conflict(`A stock location with code "${code}" already exists`);

export async function createLocation(em: EntityManager, input: LocationInput): Promise<StockLocation> {
  try {
    return await em.transactional(async (tx) => tx.create(StockLocation, { ...input, isDefault: false }));
  } catch (err) {
    // The unique index (on lower(code)) decides, also between two concurrent requests.
    if (err instanceof UniqueConstraintViolationException) throw duplicate(input.code);
    throw err;
  }
}

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
    if (err instanceof UniqueConstraintViolationException) throw duplicate(patch.code ?? '');
    throw err;
  }
}

/**
 * Deletes a location that holds nothing. The default location (where new variants start) and a
 * location with stock on hand are refused: move or write off the stock first.
 */
export async function deleteLocation(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    // Adjustments take a share lock on the location, so none can add stock while we look.
    const [location] = await tx.execute<{ is_default: boolean }[]>(
      'select is_default from inventory.stock_locations where id = ? for update',
      [id],
    );
    if (!location) throw new NotFound('Stock location');
    if (location.is_default) throw new Conflict('The default stock location cannot be deleted');
    const [held] = await tx.execute<{ n: number }[]>(
      'select count(*)::int as n from inventory.stock_levels where location_id = ? and on_hand > 0',
      [id],
    );
    if (held.n > 0)
      throw new Conflict(`The stock location still holds stock of ${held.n} variant(s); bring it to zero first`);
    await tx.execute('delete from inventory.stock_levels where location_id = ?', [id]);
    await tx.execute('delete from inventory.stock_locations where id = ?', [id]);
  });
}
