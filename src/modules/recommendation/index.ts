// The recommendation module answers "bought together", "similar", "popular in this category" and
// "recently viewed", from its own projections of order, product and inventory events.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { StockChanged } from '../inventory/contract.ts';
import { OrderCanceled, OrderConfirmed } from '../order/contract.ts';
import { PaymentRefunded } from '../payment/contract.ts';
import { PriceChanged } from '../pricing/contract.ts';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../product/contract.ts';
import { recommendationEvents } from './contract.ts';
import { recommendationEntities } from './entities/db.ts';
import { onOrderCanceled } from './handlers/on-order-canceled.ts';
import { onOrderConfirmed } from './handlers/on-order-confirmed.ts';
import { onPaymentRefunded } from './handlers/on-payment-refunded.ts';
import { onPriceChanged } from './handlers/on-price-changed.ts';
import { onProductCreated } from './handlers/on-product-created.ts';
import { onProductDeleted } from './handlers/on-product-deleted.ts';
import { onProductUpdated } from './handlers/on-product-updated.ts';
import { onStockChanged } from './handlers/on-stock-changed.ts';
import { adminRecommendationRoutes } from './routes/admin-recommendations.ts';
import { storeRecommendationRoutes } from './routes/store-recommendations.ts';
import { onRebuildDue, RebuildDue } from './use-cases/rebuild.ts';

export default defineModule({
  name: 'recommendation',
  description: 'Bought together, similar, popular in category, recently viewed',
  entities: recommendationEntities,
  publishes: recommendationEvents,
  // Orders and catalog changes are background projections; stock is not, so an out-of-stock
  // product leaves the lists within a second.
  subscriptions: [
    { event: OrderConfirmed, handler: onOrderConfirmed, background: true },
    { event: OrderCanceled, handler: onOrderCanceled, background: true },
    { event: PaymentRefunded, handler: onPaymentRefunded, background: true },
    { event: ProductCreated, handler: onProductCreated, background: true },
    { event: ProductUpdated, handler: onProductUpdated, background: true },
    { event: PriceChanged, handler: onPriceChanged, background: true },
    { event: ProductDeleted, handler: onProductDeleted },
    { event: StockChanged, handler: onStockChanged },
  ],
  tasks: [{ event: RebuildDue, handler: onRebuildDue }],
  routes: async (app: FastifyInstance) => {
    await app.register(storeRecommendationRoutes);
    await app.register(adminRecommendationRoutes);
  },
});
