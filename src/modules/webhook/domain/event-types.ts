// The events an endpoint may subscribe to: the public business facts, chosen one by one (not every
// event on the bus: saga steps such as order.payment_requested are internal). Each one costs an insert
// into this module's queue on every publish, whether or not any endpoint wants it.
import { OrderCanceled, OrderConfirmed, OrderPlaced } from '../../order/contract.ts';
import { PaymentAuthorized, PaymentCaptured, PaymentFailed, PaymentRefunded } from '../../payment/contract.ts';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../../product/contract.ts';
import { ShipmentCreated, ShipmentDelivered, ShipmentShipped } from '../../shipping/contract.ts';

export const DELIVERABLE_EVENTS = [
  OrderPlaced,
  OrderConfirmed,
  OrderCanceled,
  PaymentAuthorized,
  PaymentFailed,
  PaymentCaptured,
  PaymentRefunded,
  ShipmentCreated,
  ShipmentShipped,
  ShipmentDelivered,
  ProductCreated,
  ProductUpdated,
  ProductDeleted,
];

export const EVENT_TYPES = DELIVERABLE_EVENTS.map((e) => e.name);
