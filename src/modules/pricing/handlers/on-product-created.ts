import type { Handler } from '../../../platform/bus/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';
import { applyProductSnapshot } from '../use-cases/apply-product-snapshot.ts';
import { handlerPublisher } from '../use-cases/republish-shelf-prices.ts';

export const onProductCreated: Handler<ProductSnapshot> = async (ctx, event) => {
  await applyProductSnapshot(ctx.em, handlerPublisher(ctx), event.payload);
};
