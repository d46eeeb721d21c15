// The payment module owns payments, refunds, the providers (test, Stripe) and the webhook inbox;
// it gets an order's money when asked, and voids, captures or refunds it as the order moves on.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { OrderCanceled, OrderPaymentRequested, OrderRefundRequested } from '../order/contract.ts';
import { ShipmentShipped } from '../shipping/contract.ts';
import { paymentEvents } from './contract.ts';
import { CanceledOrder, Payment, ProviderEvent, Refund } from './entities.ts';
import { onPaymentRequested } from './request-payment.ts';
import { onOrderCanceled } from './cancel-payment.ts';
import { onRefundRequested } from './refund-payment.ts';
import { onShipmentShipped } from './capture-on-shipment.ts';
import { onProviderCallDue, ProviderCallDue } from './redrive.ts';
import { createRuntime, runtimeOf } from './runtime.ts';
import { adminPaymentRoutes } from './routes/admin-payments.ts';
import { stripeWebhookRoutes } from './routes/stripe-webhook.ts';
import { stripeReturnRoutes } from './routes/stripe-return.ts';

export default defineModule({
  name: 'payment',
  description: 'Payments, refunds, providers (test, Stripe), the Stripe webhook inbox',
  entities: [Payment, Refund, ProviderEvent, CanceledOrder],
  publishes: paymentEvents,
  // Each handler locks one payment row; committing per event keeps a batch from holding several
  // payments' locks at once (in an order a webhook or another queue could take the other way round).
  subscriptions: [
    { event: OrderPaymentRequested, handler: onPaymentRequested, commitEach: true },
    { event: OrderCanceled, handler: onOrderCanceled, commitEach: true },
    { event: OrderRefundRequested, handler: onRefundRequested, commitEach: true },
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
    // ORM closes (whatever is cut short is found again by the re-drive task after a restart).
    app.addHook('onClose', async () => runtimeOf(app.platform.orm.em).drain(10_000));
  },
});
