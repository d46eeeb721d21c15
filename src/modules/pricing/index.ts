// The pricing module owns base prices per variant and currency, price lists (sales, customer-group
// prices), customer groups, promotions and their usage, tax rates and each currency's tax mode.
// It keeps a projection of the catalog (variants, their product and categories) from product events,
// publishes pricing.price_changed whenever a public shelf price changes, and prices baskets and
// orders with one pure engine (engine/): integer minor units, half-up rounding in one place.
import type { FastifyInstance } from 'fastify';
import { OrderCanceled, OrderPlaced } from '../order/contract.ts';
import { onOrderCanceled, onOrderPlaced } from './use-cases/on-order-events.ts';
import { defineModule } from '../../platform/host/module.ts';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../product/contract.ts';
import { pricingEvents } from './contract.ts';
import { CatalogProduct, CatalogVariant } from './entities/catalog.entity.ts';
import { Price, PublishedPrice } from './entities/price.entity.ts';
import { CustomerGroup, CustomerGroupMember } from './entities/customer-group.entity.ts';
import { PriceList, PriceListPrice } from './entities/price-list.entity.ts';
import { Promotion, PromotionRedemption } from './entities/promotion.entity.ts';
import { CurrencySetting, TaxRate } from './entities/tax.entity.ts';
import { onProductChanged, onProductDeleted } from './catalog.ts';
import { onPriceListBoundary, PriceListBoundaryReached } from './tasks.ts';
import { adminPriceRoutes } from './routes/admin-prices.ts';
import { adminCustomerGroupRoutes } from './routes/admin-customer-groups.ts';
import { adminPriceListRoutes } from './routes/admin-price-lists.ts';
import { adminPromotionRoutes } from './routes/admin-promotions.ts';
import { adminTaxRoutes } from './routes/admin-tax.ts';
import { storeQuoteRoutes } from './routes/store-quotes.ts';
import { announceAllCodes } from './use-cases/promotions.ts';
import { allPublisherFor } from '../../platform/host/platform.ts';

export default defineModule({
  name: 'pricing',
  description: 'Prices per variant and currency, price lists, customer groups, promotions, tax rates; order pricing',
  entities: [
    CatalogProduct,
    CatalogVariant,
    Price,
    PublishedPrice,
    CustomerGroup,
    CustomerGroupMember,
    PriceList,
    PriceListPrice,
    Promotion,
    PromotionRedemption,
    TaxRate,
    CurrencySetting,
  ],
  publishes: pricingEvents,
  // Each of these may republish shelf prices, which takes a lock per (variant, currency) until
  // commit: commit per event, so a batch never holds several events' locks in an order another
  // transaction could hold the other way round.
  subscriptions: [
    { event: ProductCreated, handler: onProductChanged, commitEach: true },
    { event: ProductUpdated, handler: onProductChanged, commitEach: true },
    { event: ProductDeleted, handler: onProductDeleted, commitEach: true },
    { event: OrderPlaced, handler: onOrderPlaced, commitEach: true },
    { event: OrderCanceled, handler: onOrderCanceled, commitEach: true },
  ],
  tasks: [{ event: PriceListBoundaryReached, handler: onPriceListBoundary, commitEach: true }],
  routes: async (app: FastifyInstance) => {
    await app.register(adminPriceRoutes);
    await app.register(adminCustomerGroupRoutes);
    await app.register(adminPriceListRoutes);
    await app.register(adminPromotionRoutes);
    await app.register(adminTaxRoutes);
    await app.register(storeQuoteRoutes);
  },
  // Carts keep their own copy of the promotion codes: announce them all, so a new copy fills up.
  onStart: async (platform) => {
    await announceAllCodes(platform.orm.em.fork(), allPublisherFor(platform, 'pricing'));
  },
});
