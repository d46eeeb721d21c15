import { execute, type EntityManager } from '../../../platform/db/index.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { StockLocation } from '../entities/location.entity.ts';
import { StockLevel } from '../entities/stock-level.entity.ts';

/**
 * Deletes a location that holds nothing. The default location (where new variants start) and a
 * location with stock on hand are refused: move or write off the stock first.
 */
export async function deleteLocation(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    // Adjustments take a share lock on the location, so none can add stock while we look.
    const [location] = await execute<{ is_default: boolean }>(
      tx,
      'select is_default from inventory.stock_locations where id = ? for update',
      [id],
    );
    if (!location) throw new NotFound('Stock location');
    if (location.is_default) throw new Conflict('The default stock location cannot be deleted');
    const [held] = await execute<{ n: number }>(
      tx,
      'select count(*)::int as n from inventory.stock_levels where location_id = ? and on_hand > 0',
      [id],
    );
    if (held.n > 0)
      throw new Conflict(`The stock location still holds stock of ${held.n} variant(s); bring it to zero first`);
    await tx.nativeDelete(StockLevel, { locationId: id });
    await tx.nativeDelete(StockLocation, { id });
  });
}
