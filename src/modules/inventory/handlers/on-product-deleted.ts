import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductDeleted } from '../../product/contract.ts';
import { markProductDeleted } from '../use-cases/mark-product-deleted.ts';

/** product.deleted: the product and its variants take no further stock changes; their history stays. */
export const onProductDeleted: Handler<PayloadOf<typeof ProductDeleted>> = (ctx, { payload }) =>
  markProductDeleted(ctx.em, payload);
