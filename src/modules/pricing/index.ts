// Pricing owns base prices per variant and currency, price lists (sales, customer-group prices),
// customer groups, promotions and their usage, tax rates and each currency's tax mode; it prices orders.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { allPublisherFor } from '../../platform/host/platform.ts';
import { OrderCanceled, OrderPlaced } from '../order/contract.ts';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../product/contract.ts';
import { pricingEvents } from './contract.ts';
import { pricingEntities } from './entities/pricing-db.ts';
import { onOrderCanceled } from './handlers/on-order-canceled.ts';
import { onOrderPlaced } from './handlers/on-order-placed.ts';
import { onPriceListBoundaryReached } from './handlers/on-price-list-boundary-reached.ts';
import { onProductCreated } from './handlers/on-product-created.ts';
import { onProductDeleted } from './handlers/on-product-deleted.ts';
import { onProductUpdated } from './handlers/on-product-updated.ts';
import { adminCustomerGroupRoutes } from './routes/admin-customer-groups.ts';
import { adminPriceListRoutes } from './routes/admin-price-lists.ts';
import { adminPriceRoutes } from './routes/admin-prices.ts';
import { adminPriceCsvRoutes } from './routes/admin-prices-csv.ts';
import { adminPromotionRoutes } from './routes/admin-promotions.ts';
import { adminTaxRoutes } from './routes/admin-tax.ts';
import { storeQuoteRoutes } from './routes/store-quotes.ts';
import { announcePromotionCodes } from './use-cases/announce-promotion-codes.ts';
import { PriceListBoundaryReached } from './use-cases/schedule-price-list-boundaries.ts';

export default defineModule({
  name: 'pricing',
  description: 'Prices per variant and currency, price lists, customer groups, promotions, tax rates; order pricing',
  entities: pricingEntities,
  publishes: pricingEvents,
  // Each of these may republish shelf prices, which takes a lock per (variant, currency) until
  // commit: commit per event, so a batch never holds several events' locks in an order another
  // transaction could hold the other way round.
  subscriptions: [
    { event: ProductCreated, handler: onProductCreated, commitEach: true },
    { event: ProductUpdated, handler: onProductUpdated, commitEach: true },
    { event: ProductDeleted, handler: onProductDeleted, commitEach: true },
    { event: OrderPlaced, handler: onOrderPlaced, commitEach: true },
    { event: OrderCanceled, handler: onOrderCanceled, commitEach: true },
  ],
  tasks: [{ event: PriceListBoundaryReached, handler: onPriceListBoundaryReached, commitEach: true }],
  routes: async (app: FastifyInstance) => {
    await app.register(adminPriceRoutes);
    await app.register(adminPriceCsvRoutes);
    await app.register(adminCustomerGroupRoutes);
    await app.register(adminPriceListRoutes);
    await app.register(adminPromotionRoutes);
    await app.register(adminTaxRoutes);
    await app.register(storeQuoteRoutes);
  },
  // Carts keep their own copy of the promotion codes: announce them all, so a new copy fills up.
  onStart: async (platform) => {
    await announcePromotionCodes(platform.orm.em.fork(), allPublisherFor(platform, 'pricing'));
  },
});
