import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductUpdated } from '../../product/contract.ts';
import { applyProductSnapshot } from '../use-cases/apply-product-snapshot.ts';
import { handlerContext } from '../use-cases/stock-context.ts';

/** product.updated: variants added, changed or removed (a newer snapshot only). */
export const onProductUpdated: Handler<PayloadOf<typeof ProductUpdated>> = (ctx, { payload }) =>
  applyProductSnapshot(handlerContext(ctx), payload);
