import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import { pairsOfList } from '../entities/price-list.data.ts';
import { handlerPublisher, republishShelfPrices } from '../use-cases/republish-shelf-prices.ts';
import type { PriceListBoundaryReached } from '../use-cases/schedule-price-list-boundaries.ts';

/** A sale starts or ends: republish the list's variants whose shelf price changed. */
export const onPriceListBoundaryReached: Handler<PayloadOf<typeof PriceListBoundaryReached>> = async (ctx, task) => {
  const pairs = await pairsOfList(ctx.em, task.payload.priceListId);
  // Judge the prices at the boundary even if this runs a moment early by the app's clock.
  const at = new Date(Math.max(Date.now(), Date.parse(task.payload.at)));
  await republishShelfPrices(ctx.em, handlerPublisher(ctx), pairs, at);
};
