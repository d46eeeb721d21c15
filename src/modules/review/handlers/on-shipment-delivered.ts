import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ShipmentDelivered } from '../../shipping/contract.ts';
import { DeliveredOrder } from '../entities/purchase.entity.ts';

/** The order arrived: its buyer may now review what it held. */
export const onShipmentDelivered: Handler<PayloadOf<typeof ShipmentDelivered>> = async ({ em }, { payload: s }) => {
  await em
    .qb(DeliveredOrder)
    .insert({ orderId: s.orderId, deliveredAt: new Date(s.deliveredAt) })
    .onConflict('orderId')
    .ignore()
    .execute('run');
};
