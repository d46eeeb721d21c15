import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductDeleted } from '../../product/contract.ts';
import { recordProductDeleted } from '../use-cases/record-product.ts';

export const onProductDeleted: Handler<PayloadOf<typeof ProductDeleted>> = ({ em }, { payload }) =>
  recordProductDeleted(em, payload.productId, payload.version);
