// The order module owns carts, orders, the checkout saga's state and idempotency records, and
// keeps projections of sellable variants, prices and shipping options for carts.
import { defineModule } from '../../platform/host/module.ts';
import { orderEvents } from './contract.ts';

export default defineModule({
  name: 'order',
  description: 'Carts, orders, the checkout saga, idempotency records; projections of variants, prices, shipping options',
  entities: [],
  publishes: orderEvents,
  subscriptions: [],
});
