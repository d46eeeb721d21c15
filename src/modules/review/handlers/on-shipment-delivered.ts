import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { ShipmentDelivered } from '../../shipping/contract.ts';

/** The order arrived: its buyer may now review what it held. */
export const onShipmentDelivered: Handler<PayloadOf<typeof ShipmentDelivered>> = async ({ em }, { payload: s }) => {
  await query(
    em,
    'insert into review.delivered_orders (order_id, delivered_at) values ($1, $2) on conflict do nothing',
    [s.orderId, s.deliveredAt],
  );
};
