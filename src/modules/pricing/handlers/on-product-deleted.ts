import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductDeleted } from '../../product/contract.ts';
import { applyProductDeletion } from '../use-cases/apply-product-deletion.ts';
import { handlerPublisher } from '../use-cases/republish-shelf-prices.ts';

export const onProductDeleted: Handler<PayloadOf<typeof ProductDeleted>> = async (ctx, event) => {
  await applyProductDeletion(ctx.em, handlerPublisher(ctx), event.payload);
};
