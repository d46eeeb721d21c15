import type { InferKyselyTable } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { StockAdjustment } from './adjustment.entity.ts';
import type { InventoryProduct, InventoryVariant } from './catalog.entity.ts';
import type { StockLocation } from './location.entity.ts';
import type { StockReservation, StockReservationLine } from './reservation.entity.ts';
import type { StockLevel } from './stock-level.entity.ts';

/** The inventory schema's tables as Kysely sees them, typed from the entities (schema-qualified names). */
export interface InventoryDB {
  'inventory.stock_locations': InferKyselyTable<typeof StockLocation>;
  'inventory.products': InferKyselyTable<typeof InventoryProduct>;
  'inventory.variants': InferKyselyTable<typeof InventoryVariant>;
  'inventory.stock_levels': InferKyselyTable<typeof StockLevel>;
  'inventory.adjustments': InferKyselyTable<typeof StockAdjustment>;
  'inventory.reservations': InferKyselyTable<typeof StockReservation>;
  'inventory.reservation_lines': InferKyselyTable<typeof StockReservationLine>;
}

/** Kysely on the entity manager's connection (its transaction, when inside one), for writes one ORM call cannot say. */
export const inventoryDb = (em: EntityManager): Kysely<InventoryDB> => em.getKysely<InventoryDB>();

/** A quantity of a variant at a location: a reservation's line as the stock rows take it. */
export interface LocatedQuantity {
  variant_id: string;
  location_id: string;
  quantity: number;
}

/** Kysely with the given quantities as the table `x`, so one statement can apply them all. */
export const withQuantities = (em: EntityManager, rows: LocatedQuantity[]) =>
  inventoryDb(em).with(
    'x',
    () => sql<LocatedQuantity>`(select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as x(variant_id uuid, location_id uuid, quantity int))`,
  );
