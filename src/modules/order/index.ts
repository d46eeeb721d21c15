// The order module owns carts, orders, the checkout saga's state and idempotency records, and
// keeps projections of sellable variants, prices, stock and shipping options for carts.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../product/contract.ts';
import { OrderPriced, OrderPricingFailed, PriceChanged, PromotionCodeChanged } from '../pricing/contract.ts';
import { ReservationFailed, StockChanged, StockReserved } from '../inventory/contract.ts';
import {
  PaymentActionRequired,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  PaymentRefundFailed,
} from '../payment/contract.ts';
import { ShipmentDelivered, ShipmentShipped, ShippingOptionChanged } from '../shipping/contract.ts';
import { CustomerErased } from '../user/contract.ts';
import { orderEvents } from './contract.ts';
import { orderEntities } from './entities/index.ts';
import { initOrderModule } from './runtime.ts';
import { onProductSnapshot } from './handlers/on-product-snapshot.ts';
import { onProductDeleted } from './handlers/on-product-deleted.ts';
import { onPriceChanged } from './handlers/on-price-changed.ts';
import { onStockChanged } from './handlers/on-stock-changed.ts';
import { onShippingOptionChanged } from './handlers/on-shipping-option-changed.ts';
import { onPromotionCodeChanged } from './handlers/on-promotion-code-changed.ts';
import { onOrderPriced } from './handlers/on-order-priced.ts';
import { onOrderPricingFailed } from './handlers/on-order-pricing-failed.ts';
import { onStockReserved } from './handlers/on-stock-reserved.ts';
import { onReservationFailed } from './handlers/on-reservation-failed.ts';
import { onPaymentAuthorized } from './handlers/on-payment-authorized.ts';
import { onPaymentFailed } from './handlers/on-payment-failed.ts';
import { onPaymentActionRequired } from './handlers/on-payment-action-required.ts';
import { onPaymentRefunded } from './handlers/on-payment-refunded.ts';
import { onShipmentShipped } from './handlers/on-shipment-shipped.ts';
import { onShipmentDelivered } from './handlers/on-shipment-delivered.ts';
import { onPaymentCaptured } from './handlers/on-payment-captured.ts';
import { onPaymentRefundFailed } from './handlers/on-payment-refund-failed.ts';
import { onCustomerErased } from './handlers/on-customer-erased.ts';
import { onOverdueSweepDue, OverdueSweepDue, scheduleOverdueSweep } from './handlers/on-overdue-sweep-due.ts';
import { CartOut, OrderOut } from './routes/schemas.ts';
import { storeCartRoutes } from './routes/store-carts.ts';
import { storeOrderRoutes } from './routes/store-orders.ts';
import { adminOrderRoutes } from './routes/admin-orders.ts';

// Saga steps lock their order row: commit each, so one order's steps never wait for a batch.
const step = { commitEach: true };

export default defineModule({
  name: 'order',
  description:
    'Carts, orders, the checkout saga and order timelines, idempotency records; projections of variants, prices, stock, shipping options, promotion codes',
  entities: orderEntities,
  publishes: orderEvents,
  subscriptions: [
    { event: ProductCreated, handler: onProductSnapshot },
    { event: ProductUpdated, handler: onProductSnapshot },
    { event: ProductDeleted, handler: onProductDeleted },
    { event: PriceChanged, handler: onPriceChanged },
    // Every sale changes stock: polled and taken as one batch (see ConsumeOptions.background).
    { event: StockChanged, handler: onStockChanged, background: true },
    { event: ShippingOptionChanged, handler: onShippingOptionChanged },
    { event: PromotionCodeChanged, handler: onPromotionCodeChanged },
    { event: OrderPriced, handler: onOrderPriced, ...step },
    { event: OrderPricingFailed, handler: onOrderPricingFailed, ...step },
    { event: StockReserved, handler: onStockReserved, ...step },
    { event: ReservationFailed, handler: onReservationFailed, ...step },
    { event: PaymentAuthorized, handler: onPaymentAuthorized, ...step },
    { event: PaymentFailed, handler: onPaymentFailed, ...step },
    { event: PaymentActionRequired, handler: onPaymentActionRequired, ...step },
    { event: PaymentRefunded, handler: onPaymentRefunded, ...step },
    { event: ShipmentShipped, handler: onShipmentShipped, ...step },
    // Timeline only: these change no order state.
    { event: PaymentCaptured, handler: onPaymentCaptured, ...step },
    { event: PaymentRefundFailed, handler: onPaymentRefundFailed, ...step },
    { event: ShipmentDelivered, handler: onShipmentDelivered, ...step },
    { event: CustomerErased, handler: onCustomerErased },
  ],
  // Orders pending or awaiting payment too long are canceled by one periodic sweep.
  tasks: [{ event: OverdueSweepDue, handler: onOverdueSweepDue }],
  setup: initOrderModule,
  onStart: scheduleOverdueSweep,
  routes: async (app: FastifyInstance) => {
    app.addSchema(CartOut);
    app.addSchema(OrderOut);
    await app.register(storeCartRoutes);
    await app.register(storeOrderRoutes);
    await app.register(adminOrderRoutes);
  },
});
