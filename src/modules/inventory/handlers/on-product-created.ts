import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductCreated } from '../../product/contract.ts';
import { applyProductSnapshot } from '../use-cases/apply-product-snapshot.ts';
import { handlerContext } from '../use-cases/stock-context.ts';

/** product.created: the new variants get a stock record at the default location. */
export const onProductCreated: Handler<PayloadOf<typeof ProductCreated>> = (ctx, { payload }) =>
  applyProductSnapshot(handlerContext(ctx), payload);
