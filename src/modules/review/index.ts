// The review module owns customers' reviews of products they received, their moderation, helpful
// votes and abuse reports, and each product's rating, which it publishes for the catalog to show.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { OrderConfirmed } from '../order/contract.ts';
import { ProductCreated, ProductUpdated } from '../product/contract.ts';
import { ShipmentDelivered } from '../shipping/contract.ts';
import { reviewEvents } from './contract.ts';
import { CatalogVariant, DeliveredOrder, PurchasedVariant } from './entities/purchase.entity.ts';
import { Rating } from './entities/rating.entity.ts';
import { AbuseReport } from './entities/report.entity.ts';
import { Review } from './entities/review.entity.ts';
import { HelpfulVote } from './entities/vote.entity.ts';
import { onOrderConfirmed } from './handlers/on-order-confirmed.ts';
import { onProductCreated } from './handlers/on-product-created.ts';
import { onProductUpdated } from './handlers/on-product-updated.ts';
import { onShipmentDelivered } from './handlers/on-shipment-delivered.ts';
import { adminReviewRoutes } from './routes/admin-reviews.ts';
import { storeReviewRoutes } from './routes/store-reviews.ts';

export default defineModule({
  name: 'review',
  description: 'Reviews, ratings, helpful votes, abuse reports, moderation',
  entities: [Review, HelpfulVote, AbuseReport, Rating, PurchasedVariant, DeliveredOrder, CatalogVariant],
  publishes: reviewEvents,
  // Verified purchase is a projection nobody waits for (a review comes days after delivery):
  // every queue is polled in the background, off the checkout's path (see ConsumeOptions.background).
  subscriptions: [
    { event: OrderConfirmed, handler: onOrderConfirmed, background: true },
    { event: ShipmentDelivered, handler: onShipmentDelivered, background: true },
    { event: ProductCreated, handler: onProductCreated, background: true },
    { event: ProductUpdated, handler: onProductUpdated, background: true },
  ],
  routes: async (app: FastifyInstance) => {
    // Review text is the customer's: never let a browser sniff a JSON answer into HTML.
    app.addHook('onSend', async (_req, reply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      return payload;
    });
    await app.register(storeReviewRoutes);
    await app.register(adminReviewRoutes);
  },
});
