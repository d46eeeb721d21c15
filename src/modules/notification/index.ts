// The notification module owns the message log (every email and SMS, rendered, with its delivery
// attempts) and a projection of confirmed orders' contacts; it mails shoppers about their account and orders.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { OrderCanceled, OrderConfirmed } from '../order/contract.ts';
import { ShipmentShipped } from '../shipping/contract.ts';
import { WebhookEndpointDisabled } from '../webhook/contract.ts';
import {
  CustomerErased,
  EmailVerificationRequested,
  PasswordResetRequested,
  RegistrationAttempted,
  StaffInvited,
  UserRegistered,
} from '../user/contract.ts';
import { notificationEvents } from './contract.ts';
import { DeliveryAttempt } from './entities/delivery-attempt.entity.ts';
import { Message } from './entities/message.entity.ts';
import { OrderContact } from './entities/order-contact.entity.ts';
import { onOrderCanceled } from './handlers/on-order-canceled.ts';
import { onOrderConfirmed } from './handlers/on-order-confirmed.ts';
import { onShipmentShipped } from './handlers/on-shipment-shipped.ts';
import { onUserRegistered } from './handlers/on-user-registered.ts';
import { onPasswordResetRequested } from './handlers/on-password-reset-requested.ts';
import { onEmailVerificationRequested } from './handlers/on-email-verification-requested.ts';
import { onStaffInvited } from './handlers/on-staff-invited.ts';
import { onRegistrationAttempted } from './handlers/on-registration-attempted.ts';
import { onCustomerErased } from './handlers/on-customer-erased.ts';
import { onSendDue } from './handlers/on-send-due.ts';
import { onWebhookEndpointDisabled } from './handlers/on-webhook-endpoint-disabled.ts';
import { adminMessageRoutes } from './routes/admin-messages.ts';
import { MessageDetailOut, MessageOut } from './routes/schemas.ts';
import { initNotification } from './runtime.ts';
import { SendDue } from './use-cases/send-due.ts';

export default defineModule({
  name: 'notification',
  description: 'Message log (email, SMS) with delivery attempts; templates; projection of order contacts',
  entities: [Message, DeliveryAttempt, OrderContact],
  publishes: notificationEvents,
  // Mail is off the shopper's path: these queues are polled, not woken per event (see
  // ConsumeOptions.background). Each event commits on its own and its mail goes out right after:
  // a batch would book every message's lease at once and then send them one by one, and a long
  // batch would outlive the leases of its last messages (sent twice).
  subscriptions: [
    { event: UserRegistered, handler: onUserRegistered, background: true, commitEach: true },
    { event: OrderConfirmed, handler: onOrderConfirmed, background: true, commitEach: true },
    { event: OrderCanceled, handler: onOrderCanceled, background: true, commitEach: true },
    { event: ShipmentShipped, handler: onShipmentShipped, background: true, commitEach: true },
    { event: WebhookEndpointDisabled, handler: onWebhookEndpointDisabled, background: true, commitEach: true },
    // Account links are waited for by a person at a screen: woken per event, not polled.
    { event: PasswordResetRequested, handler: onPasswordResetRequested, commitEach: true },
    { event: EmailVerificationRequested, handler: onEmailVerificationRequested, commitEach: true },
    { event: StaffInvited, handler: onStaffInvited, commitEach: true },
    { event: RegistrationAttempted, handler: onRegistrationAttempted, background: true, commitEach: true },
    { event: CustomerErased, handler: onCustomerErased },
  ],
  // Each attempt commits on its own, so its send (after commit) starts without waiting for a batch.
  tasks: [{ event: SendDue, handler: onSendDue, commitEach: true, background: true }],
  setup: initNotification,
  routes: async (app: FastifyInstance) => {
    app.addSchema(MessageOut);
    app.addSchema(MessageDetailOut);
    await app.register(adminMessageRoutes);
  },
});
