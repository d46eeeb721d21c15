import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { StockChanged } from '../../inventory/contract.ts';
import { recordStock } from '../use-cases/record-stock.ts';

export const onStockChanged: Handler<PayloadOf<typeof StockChanged>> = ({ em }, { payload }) =>
  recordStock(em, payload);
