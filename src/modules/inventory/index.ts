// The inventory module owns stock locations, stock per variant and location, the on-hand ledger and
// reservations; it keeps its own copy of the catalog's variants, fed by the product module's events.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { OrderCanceled, OrderPlaced } from '../order/contract.ts';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../product/contract.ts';
import { ShipmentShipped } from '../shipping/contract.ts';
import { inventoryEvents } from './contract.ts';
import { StockAdjustment } from './entities/adjustment.entity.ts';
import { InventoryProduct, InventoryVariant } from './entities/catalog.entity.ts';
import { StockLocation } from './entities/location.entity.ts';
import { StockReservation, StockReservationLine } from './entities/reservation.entity.ts';
import { StockLevel } from './entities/stock-level.entity.ts';
import { onOrderCanceled } from './handlers/on-order-canceled.ts';
import { onOrderPlaced } from './handlers/on-order-placed.ts';
import { onProductCreated } from './handlers/on-product-created.ts';
import { onProductDeleted } from './handlers/on-product-deleted.ts';
import { onProductUpdated } from './handlers/on-product-updated.ts';
import { onShipmentShipped } from './handlers/on-shipment-shipped.ts';
import { adminLocationRoutes } from './routes/admin-locations.ts';
import { adminReservationRoutes } from './routes/admin-reservations.ts';
import { adminStockRoutes } from './routes/admin-stock.ts';
import { adminStockCsvRoutes } from './routes/admin-stock-csv.ts';
import { AdjustmentOut, InventoryOut, LocationOut, ReservationOut } from './routes/schemas.ts';

export default defineModule({
  name: 'inventory',
  description: 'Stock locations, stock per variant and location, adjustments, reservations',
  entities: [
    StockLocation,
    InventoryProduct,
    InventoryVariant,
    StockLevel,
    StockAdjustment,
    StockReservation,
    StockReservationLine,
  ],
  publishes: inventoryEvents,
  subscriptions: [
    { event: ProductCreated, handler: onProductCreated },
    { event: ProductUpdated, handler: onProductUpdated },
    { event: ProductDeleted, handler: onProductDeleted },
    // Saga steps lock hot stock rows: commit each, so no batch holds them longer than one order.
    { event: OrderPlaced, handler: onOrderPlaced, commitEach: true },
    { event: OrderCanceled, handler: onOrderCanceled, commitEach: true },
    { event: ShipmentShipped, handler: onShipmentShipped, commitEach: true },
  ],
  routes: async (app: FastifyInstance) => {
    for (const schema of [LocationOut, InventoryOut, AdjustmentOut, ReservationOut]) app.addSchema(schema);
    await app.register(adminLocationRoutes);
    await app.register(adminStockRoutes);
    await app.register(adminStockCsvRoutes);
    await app.register(adminReservationRoutes);
  },
});
