import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderCanceled } from '../../order/contract.ts';
import { releaseRedemptions } from '../use-cases/release-redemptions.ts';

/** Compensation: a canceled order gives its promotion uses back. */
export const onOrderCanceled: Handler<PayloadOf<typeof OrderCanceled>> = async ({ em }, { payload }) => {
  await releaseRedemptions(em, payload.orderId);
};
