// The analytics module turns what the other modules announce into sales, funnel and search reports
// for staff. It reads no other schema: every figure comes from an event it stored in its own log.
import { defineModule } from '../../platform/host/module.ts';
import { OrderConfirmed } from '../order/contract.ts';
import { PaymentRefunded } from '../payment/contract.ts';
import { analyticsEvents } from './contract.ts';
import { Fact, SalesHour } from './entities/fact.entity.ts';
import { onOrderConfirmed } from './handlers/on-order-confirmed.ts';
import { onPaymentRefunded } from './handlers/on-payment-refunded.ts';
import { adminReportRoutes } from './routes/admin-reports.ts';
import { onRebuildDue, RebuildDue } from './use-cases/rebuild-rollups.ts';

export default defineModule({
  name: 'analytics',
  description: 'Sales, funnel and search reports from the events of the other modules',
  entities: [Fact, SalesHour],
  publishes: analyticsEvents,
  // Reports may lag the shop by a poll: every queue is worked in the background, off checkout's path.
  subscriptions: [
    { event: OrderConfirmed, handler: onOrderConfirmed, background: true },
    { event: PaymentRefunded, handler: onPaymentRefunded, background: true },
  ],
  tasks: [{ event: RebuildDue, handler: onRebuildDue }],
  routes: adminReportRoutes,
});
