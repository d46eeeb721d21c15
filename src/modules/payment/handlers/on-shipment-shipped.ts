import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ShipmentShipped } from '../../shipping/contract.ts';
import { requestCapture } from '../use-cases/request-capture.ts';

/** shipment.shipped: capture the order's payment (when capturing on shipment). */
export const onShipmentShipped: Handler<PayloadOf<typeof ShipmentShipped>> = (ctx, event) =>
  requestCapture(ctx, event.payload.orderId);
