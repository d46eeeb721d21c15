import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductUpdated } from '../../product/contract.ts';
import { recordCatalogVariants } from '../use-cases/record-catalog-variants.ts';

export const onProductUpdated: Handler<PayloadOf<typeof ProductUpdated>> = ({ em }, { payload }) =>
  recordCatalogVariants(em, payload);
