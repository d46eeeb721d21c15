// The product module owns the catalog: products, options, variants, categories, collections and
// images, plus the projections of prices, stock and ratings (from pricing, inventory and review) that listings read.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { PriceChanged } from '../pricing/contract.ts';
import { StockChanged } from '../inventory/contract.ts';
import { ReviewRatingChanged } from '../review/contract.ts';
import { productEvents } from './contract.ts';
import { productEntities } from './entities/db.ts';
import { initProductRuntime } from './runtime.ts';
import { onPriceChanged } from './handlers/on-price-changed.ts';
import { onStockChanged } from './handlers/on-stock-changed.ts';
import { onRatingChanged } from './handlers/on-rating-changed.ts';
import {
  onSearchReconcileDue,
  scheduleSearchReconcile,
  SearchReconcileDue,
} from './handlers/on-search-reconcile-due.ts';
import { StoreProduct, StoreProductSummary } from './routes/schemas.ts';
import { AdminProduct } from './routes/admin-schemas.ts';
import { storeCatalogRoutes } from './routes/store-catalog.ts';
import { adminProductRoutes } from './routes/admin-products.ts';
import { adminProductCsvRoutes } from './routes/admin-products-csv.ts';
import { adminTaxonomyRoutes } from './routes/admin-taxonomy.ts';
import { adminSearchRoutes } from './routes/admin-search.ts';
import { termFacetFillsSettled } from './use-cases/fill-term-facets.ts';

export default defineModule({
  name: 'product',
  description: 'Products, variants, options, categories, collections, images; price and stock projections; search',
  entities: productEntities,
  publishes: productEvents,
  subscriptions: [
    // Committed one by one: a batch would hold several products' listing rows at once, and a
    // catalog edit refreshing those rows in another order would deadlock with it.
    { event: PriceChanged, handler: onPriceChanged, commitEach: true },
    // Every sale changes stock: polled and taken as one batch (see ConsumeOptions.background). A
    // batch writes the product rows only when a variant's in-stock flag flips, which is rare, and
    // locks them in id order as catalog edits do (docs/adr/0120).
    { event: StockChanged, handler: onStockChanged, background: true },
    // One product row per event, like a catalog edit: committed one by one.
    { event: ReviewRatingChanged, handler: onRatingChanged, commitEach: true },
  ],
  tasks: [{ event: SearchReconcileDue, handler: onSearchReconcileDue }],
  // Typo tolerance: how close a word must be to a title word to match (index-backed `<%`).
  sessionSettings: { 'pg_trgm.word_similarity_threshold': '0.45' },
  setup: initProductRuntime,
  onStart: (platform) => scheduleSearchReconcile(platform),
  routes: async (app: FastifyInstance) => {
    app.addSchema(StoreProductSummary);
    app.addSchema(StoreProduct);
    app.addSchema(AdminProduct);
    await app.register(storeCatalogRoutes);
    await app.register(adminProductRoutes);
    await app.register(adminProductCsvRoutes);
    await app.register(adminTaxonomyRoutes);
    await app.register(adminSearchRoutes);
    // Facet counts kept after a search answered (docs/adr/0130): let those under way finish before
    // the ORM closes (one cut short is only a count the next search makes again).
    app.addHook('onClose', () => termFacetFillsSettled());
  },
});
