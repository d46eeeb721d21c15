import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { StockChanged } from '../../inventory/contract.ts';
import { recordStocks } from '../use-cases/record-stock.ts';

/** A batch of stock changes is one upsert and one refresh of the products whose variants changed. */
export const onStockChanged = handleMany<PayloadOf<typeof StockChanged>>(({ em }, events) =>
  recordStocks(
    em,
    events.map((e) => e.payload),
  ),
);
