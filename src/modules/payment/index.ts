// The payment module owns payments, refunds, the providers (test, Stripe) and the webhook inbox;
// it gets an order's money when asked, and voids, captures or refunds it as the order moves on.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { OrderCanceled, OrderPaymentRequested, OrderRefundRequested } from '../order/contract.ts';
import { ShipmentShipped } from '../shipping/contract.ts';
import { paymentEvents } from './contract.ts';
import { CanceledOrder } from './entities/canceled-order.entity.ts';
import { Payment } from './entities/payment.entity.ts';
import { ProviderEvent } from './entities/provider-event.entity.ts';
import { Refund } from './entities/refund.entity.ts';
import { onOrderCanceled } from './handlers/on-order-canceled.ts';
import { onOrderPaymentRequested } from './handlers/on-order-payment-requested.ts';
import { onOrderRefundRequested } from './handlers/on-order-refund-requested.ts';
import { onProviderCallDue } from './handlers/on-provider-call-due.ts';
import { onShipmentShipped } from './handlers/on-shipment-shipped.ts';
import { adminPaymentRoutes } from './routes/admin-payments.ts';
import { stripeReturnRoutes } from './routes/stripe-return.ts';
import { stripeWebhookRoutes } from './routes/stripe-webhook.ts';
import { createRuntime, runtimeOf } from './runtime.ts';
import { ProviderCallDue } from './use-cases/schedule-provider-call-due.ts';

export default defineModule({
  name: 'payment',
  description: 'Payments, refunds, providers (test, Stripe), the Stripe webhook inbox',
  entities: [Payment, Refund, ProviderEvent, CanceledOrder],
  publishes: paymentEvents,
  // Each handler locks one payment row; committing per event keeps a batch from holding several
  // payments' locks at once (in an order a webhook or another queue could take the other way round).
  subscriptions: [
    { event: OrderPaymentRequested, handler: onOrderPaymentRequested, commitEach: true },
    { event: OrderCanceled, handler: onOrderCanceled, commitEach: true },
    { event: OrderRefundRequested, handler: onOrderRefundRequested, commitEach: true },
    { event: ShipmentShipped, handler: onShipmentShipped, commitEach: true },
  ],
  tasks: [{ event: ProviderCallDue, handler: onProviderCallDue, commitEach: true }],
  setup: (platform) => {
    createRuntime(platform);
  },
  routes: async (app: FastifyInstance) => {
    await app.register(stripeWebhookRoutes);
    await app.register(stripeReturnRoutes);
    await app.register(adminPaymentRoutes);
    // Provider calls run in the background: let those under way record their answer before the
    // ORM closes (whatever is cut short is found again by the ProviderCallDue task after a restart).
    app.addHook('onClose', async () => runtimeOf(app.platform.orm.em).drain(10_000));
  },
});
