// The analytics module turns what the other modules announce into sales, funnel, product and search
// reports for staff. It reads no other schema: every figure comes from an event it stored in its own log.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { CartCreated, CartItemAdded, OrderCanceled, OrderConfirmed, OrderPlaced } from '../order/contract.ts';
import { PaymentCaptured, PaymentRefunded } from '../payment/contract.ts';
import { ProductCreated, ProductUpdated, SearchFoundNothing } from '../product/contract.ts';
import { analyticsEvents, ProductViewed } from './contract.ts';
import { analyticsEntities } from './entities/index.ts';
import { onCartCreated } from './handlers/on-cart-created.ts';
import { onCartItemAdded } from './handlers/on-cart-item-added.ts';
import { onOrderCanceled } from './handlers/on-order-canceled.ts';
import { onOrderConfirmed } from './handlers/on-order-confirmed.ts';
import { onOrderPlaced } from './handlers/on-order-placed.ts';
import { onPaymentCaptured } from './handlers/on-payment-captured.ts';
import { onPaymentRefunded } from './handlers/on-payment-refunded.ts';
import { onProductSnapshot } from './handlers/on-product-snapshot.ts';
import { onProductViewed } from './handlers/on-product-viewed.ts';
import { onSearchFoundNothing } from './handlers/on-search-found-nothing.ts';
import { adminRankingRoutes } from './routes/admin-rankings.ts';
import { adminReportRoutes } from './routes/admin-reports.ts';
import { storeEventRoutes } from './routes/store-events.ts';
import { onRebuildDue, RebuildDue } from './use-cases/rebuild-rollups.ts';

// Reports may lag the shop by a poll: every queue is worked in the background (polled, a batch per
// poll), off the shopper's path: a cart, a checkout or a view never waits for analytics.
const background = true;

export default defineModule({
  name: 'analytics',
  description: 'Sales, funnel, product and search reports from the events of the other modules',
  entities: analyticsEntities,
  publishes: analyticsEvents,
  subscriptions: [
    { event: OrderConfirmed, handler: onOrderConfirmed, background },
    { event: PaymentRefunded, handler: onPaymentRefunded, background },
    { event: PaymentCaptured, handler: onPaymentCaptured, background },
    { event: OrderCanceled, handler: onOrderCanceled, background },
    { event: OrderPlaced, handler: onOrderPlaced, background },
    { event: CartCreated, handler: onCartCreated, background },
    { event: CartItemAdded, handler: onCartItemAdded, background },
    { event: SearchFoundNothing, handler: onSearchFoundNothing, background },
    { event: ProductViewed, handler: onProductViewed, background },
    { event: ProductCreated, handler: onProductSnapshot, background },
    { event: ProductUpdated, handler: onProductSnapshot, background },
  ],
  tasks: [{ event: RebuildDue, handler: onRebuildDue }],
  routes: async (app: FastifyInstance) => {
    await app.register(adminReportRoutes);
    await app.register(adminRankingRoutes);
    await app.register(storeEventRoutes);
  },
});
