import type { Handler } from '../../../platform/bus/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';
import { applyProductSnapshot } from '../use-cases/apply-product-snapshot.ts';
import { handlerPublisher } from '../use-cases/republish-shelf-prices.ts';

/** A snapshot older than the one held changes nothing. */
export const onProductUpdated: Handler<ProductSnapshot> = async (ctx, event) => {
  await applyProductSnapshot(ctx.em, handlerPublisher(ctx), event.payload);
};
