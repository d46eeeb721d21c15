// The shipping module owns shipping options and their rates, shipments and their tracking. It
// publishes every option change (the order module prices carts from its own copy) and ships confirmed orders.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { OrderCanceled, OrderConfirmed } from '../order/contract.ts';
import { shippingEvents } from './contract.ts';
import { CanceledOrder } from './entities/canceled-order.entity.ts';
import { Shipment } from './entities/shipment.entity.ts';
import { ShippingOption } from './entities/shipping-option.entity.ts';
import { onOrderCanceled } from './handlers/on-order-canceled.ts';
import { onOrderConfirmed } from './handlers/on-order-confirmed.ts';
import { adminOptionRoutes } from './routes/admin-options.ts';
import { adminShipmentRoutes } from './routes/admin-shipments.ts';
import { storeRateRoutes } from './routes/store-rates.ts';
import { storeShipmentRoutes } from './routes/store-shipments.ts';
import { publishPendingOptions } from './use-cases/publish-pending-options.ts';

export default defineModule({
  name: 'shipping',
  description: 'Shipping options and rates, shipments, tracking',
  entities: [ShippingOption, Shipment, CanceledOrder],
  publishes: shippingEvents,
  // Both take a per-order lock (confirmed and canceled of one order may race): commit per event, so a
  // batch never holds several orders' locks in an order a batch of the other event holds them the other way.
  // Shipments are made for staff, not for the shopper waiting on the checkout: polled (see ConsumeOptions.background).
  subscriptions: [
    { event: OrderConfirmed, handler: onOrderConfirmed, commitEach: true, background: true },
    { event: OrderCanceled, handler: onOrderCanceled, commitEach: true, background: true },
  ],
  routes: async (app: FastifyInstance) => {
    await app.register(adminOptionRoutes);
    await app.register(adminShipmentRoutes);
    await app.register(storeRateRoutes);
    await app.register(storeShipmentRoutes);
  },
  // The seeded options were written by a migration, which cannot publish: they go out now.
  onStart: publishPendingOptions,
});
