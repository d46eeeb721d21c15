// The events an endpoint may subscribe to: the public business facts, chosen one by one (not every
// event on the bus: saga steps such as order.payment_requested are internal). The bus writes one to this
// module's queue only while an enabled endpoint wants it (use-cases/sync-interest.ts, docs/adr/0105).
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
