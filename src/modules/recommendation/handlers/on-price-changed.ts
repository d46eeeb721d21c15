import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PriceChanged } from '../../pricing/contract.ts';
import { recordPrice } from '../use-cases/record-price.ts';

export const onPriceChanged: Handler<PayloadOf<typeof PriceChanged>> = ({ em }, { payload }) =>
  recordPrice(em, payload);
