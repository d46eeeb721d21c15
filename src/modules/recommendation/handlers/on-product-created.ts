import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductCreated } from '../../product/contract.ts';
import { recordProduct } from '../use-cases/record-product.ts';

export const onProductCreated: Handler<PayloadOf<typeof ProductCreated>> = ({ em }, { payload }) =>
  recordProduct(em, payload);
