import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductUpdated } from '../../product/contract.ts';
import { recordProduct } from '../use-cases/record-product.ts';

export const onProductUpdated: Handler<PayloadOf<typeof ProductUpdated>> = ({ em }, { payload }) =>
  recordProduct(em, payload);
