import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { OrderCanceled } from '../../order/contract.ts';
import { getReservation } from '../use-cases/get-reservation.ts';
import { releaseReservation } from '../use-cases/release-reservation.ts';
import { handlerContext } from '../use-cases/stock-context.ts';

/** Compensation: a canceled order's stock goes back on the shelf (if it was ever reserved). */
export const onOrderCanceled: Handler<PayloadOf<typeof OrderCanceled>> = async (ctx, { payload }) => {
  if (!(await getReservation(ctx.em, { reference: payload.orderId }))) return;
  await releaseReservation(handlerContext(ctx), { reference: payload.orderId }).catch((err) => {
    // Already shipped (committed): nothing to give back.
    if (!(err instanceof DomainError && err.status === 409)) throw err;
  });
};
