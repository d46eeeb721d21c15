import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductDeleted } from '../../product/contract.ts';
import { retireProductVariants } from '../entities/projection-store.ts';

export const onProductDeleted: Handler<PayloadOf<typeof ProductDeleted>> = async ({ em }, { payload: p }) => {
  await retireProductVariants(em, p.productId, p.version);
};
