// The webhook module owns outbound webhook endpoints (URL, events, secrets), their deliveries and the
// attempt log; it signs each business event an endpoint wants (Standard Webhooks) and delivers it off the bus.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { webhookEvents } from './contract.ts';
import { DELIVERABLE_EVENTS } from './domain/event-types.ts';
import { Attempt } from './entities/attempt.entity.ts';
import { Delivery } from './entities/delivery.entity.ts';
import { Endpoint } from './entities/endpoint.entity.ts';
import { onBusinessEvent } from './handlers/on-business-event.ts';
import { onDeliveryDue } from './handlers/on-delivery-due.ts';
import { DeliveriesPurgeDue, onDeliveriesPurgeDue, startDeliveriesPurge } from './handlers/on-purge-due.ts';
import { adminDeliveryRoutes } from './routes/admin-deliveries.ts';
import { adminEndpointRoutes } from './routes/admin-endpoints.ts';
import { DeliveryOut, EndpointOut } from './routes/schemas.ts';
import { initWebhook } from './runtime.ts';
import { DeliveryDue } from './use-cases/delivery-due.ts';
import { syncInterest } from './use-cases/sync-interest.ts';

export default defineModule({
  name: 'webhook',
  description: 'Outbound webhooks: endpoints and secrets, signed deliveries with retries, the attempt log',
  entities: [Endpoint, Delivery, Attempt],
  publishes: webhookEvents,
  // Off the shopper's path: polled, not woken per event; and written only while an endpoint wants
  // the event (use-cases/sync-interest.ts), so a shop without endpoints pays no job for them.
  subscriptions: DELIVERABLE_EVENTS.map((event) => ({
    event,
    handler: onBusinessEvent,
    background: true,
    onInterest: true,
  })),
  // Each due attempt commits on its own, so its request (handed to the dispatcher) starts at once.
  tasks: [
    { event: DeliveryDue, handler: onDeliveryDue, commitEach: true },
    { event: DeliveriesPurgeDue, handler: onDeliveriesPurgeDue, background: true },
  ],
  setup: initWebhook,
  onStart: async (platform) => {
    await startDeliveriesPurge(platform);
    await platform.orm.em.fork().transactional((em) => syncInterest(em));
    await platform.bus.applyInterest();
  },
  routes: async (app: FastifyInstance) => {
    app.addSchema(EndpointOut);
    app.addSchema(DeliveryOut);
    await app.register(adminEndpointRoutes);
    await app.register(adminDeliveryRoutes);
  },
});
