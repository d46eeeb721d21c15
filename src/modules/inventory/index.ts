// The inventory module owns stock locations, stock per variant and location, the on-hand ledger and
// reservations; it keeps its own copy of the catalog's variants, fed by the product module's events.
import type { FastifyInstance } from 'fastify';
import { requireAdmin } from '../../platform/http/auth.ts';
import { OrderCanceled, OrderPlaced } from '../order/contract.ts';
import { ShipmentShipped } from '../shipping/contract.ts';
import { onOrderCanceled, onOrderPlaced, onShipmentShipped } from './on-order-events.ts';
import { defineModule } from '../../platform/host/module.ts';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../product/contract.ts';
import { inventoryEvents } from './contract.ts';
import { StockLocation } from './location.entity.ts';
import { InventoryProduct, InventoryVariant } from './catalog.entity.ts';
import { StockLevel } from './stock-level.entity.ts';
import { StockAdjustment } from './adjustment.entity.ts';
import { StockReservation, StockReservationLine } from './reservation.entity.ts';
import { onProductDeleted, onProductSnapshot } from './on-product-events.ts';
import { AdjustmentOut, InventoryOut, LocationOut, ReservationOut } from './schemas.ts';
import { locationRoutes } from './routes/locations.ts';
import { stockRoutes } from './routes/stock.ts';
import { reservationRoutes } from './routes/reservations.ts';

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
    { event: ProductCreated, handler: onProductSnapshot },
    { event: ProductUpdated, handler: onProductSnapshot },
    { event: ProductDeleted, handler: onProductDeleted },
    // Saga steps lock hot stock rows: commit each, so no batch holds them longer than one order.
    { event: OrderPlaced, handler: onOrderPlaced, commitEach: true },
    { event: OrderCanceled, handler: onOrderCanceled, commitEach: true },
    { event: ShipmentShipped, handler: onShipmentShipped, commitEach: true },
  ],
  routes: async (app: FastifyInstance) => {
    for (const schema of [LocationOut, InventoryOut, AdjustmentOut, ReservationOut]) app.addSchema(schema);
    // Every inventory route is for staff; checked before the input is, so strangers learn nothing of it.
    app.addHook('onRequest', requireAdmin);
    await app.register(locationRoutes);
    await app.register(stockRoutes);
    await app.register(reservationRoutes);
  },
});
