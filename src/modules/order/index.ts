// The order module owns carts, orders, the checkout saga's state and idempotency records, and
// keeps projections of sellable variants, prices, stock and shipping options for carts.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../product/contract.ts';
import { OrderPriced, OrderPricingFailed, PriceChanged, PromotionCodeChanged } from '../pricing/contract.ts';
import { ReservationFailed, StockChanged, StockReserved } from '../inventory/contract.ts';
import { PaymentActionRequired, PaymentAuthorized, PaymentFailed, PaymentRefunded } from '../payment/contract.ts';
import { ShipmentShipped, ShippingOptionChanged } from '../shipping/contract.ts';
import { orderEvents } from './contract.ts';
import * as projection from './projections.ts';
import * as saga from './saga/handlers.ts';
import { initOrderModule } from './state.ts';
import { CartOut, OrderOut } from './schemas.ts';
import { storeCartRoutes } from './routes/store-carts.ts';
import { storeOrderRoutes } from './routes/store-orders.ts';
import { adminOrderRoutes } from './routes/admin-orders.ts';

// Saga steps lock their order row: commit each, so one order's steps never wait behind a batch.
const step = { commitEach: true };

export default defineModule({
  name: 'order',
  description:
    'Carts, orders, the checkout saga, idempotency records; projections of variants, prices, stock, shipping options, promotion codes',
  entities: [],
  publishes: orderEvents,
  subscriptions: [
    { event: ProductCreated, handler: projection.onProductSnapshot },
    { event: ProductUpdated, handler: projection.onProductSnapshot },
    { event: ProductDeleted, handler: projection.onProductDeleted },
    { event: PriceChanged, handler: projection.onPriceChanged },
    // Every sale changes stock: polled and taken as one batch (see ConsumeOptions.background).
    { event: StockChanged, handler: projection.onStockChanged, background: true },
    { event: ShippingOptionChanged, handler: projection.onShippingOptionChanged },
    { event: PromotionCodeChanged, handler: projection.onPromotionCodeChanged },
    { event: OrderPriced, handler: saga.onOrderPriced, ...step },
    { event: OrderPricingFailed, handler: saga.onPricingFailed, ...step },
    { event: StockReserved, handler: saga.onStockReserved, ...step },
    { event: ReservationFailed, handler: saga.onReservationFailed, ...step },
    { event: PaymentAuthorized, handler: saga.onPaymentAuthorized, ...step },
    { event: PaymentFailed, handler: saga.onPaymentFailed, ...step },
    { event: PaymentActionRequired, handler: saga.onPaymentActionRequired, ...step },
    { event: PaymentRefunded, handler: saga.onPaymentRefunded, ...step },
    { event: ShipmentShipped, handler: saga.onShipmentShipped, ...step },
  ],
  tasks: [{ event: saga.PaymentTimeoutDue, handler: saga.onPaymentTimeout, ...step }],
  setup: initOrderModule,
  routes: async (app: FastifyInstance) => {
    app.addSchema(CartOut);
    app.addSchema(OrderOut);
    await app.register(storeCartRoutes);
    await app.register(storeOrderRoutes);
    await app.register(adminOrderRoutes);
  },
});
