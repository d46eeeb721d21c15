import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductCreated } from '../../product/contract.ts';
import { recordCatalogVariants } from '../use-cases/record-catalog-variants.ts';

export const onProductCreated: Handler<PayloadOf<typeof ProductCreated>> = ({ em }, { payload }) =>
  recordCatalogVariants(em, payload);
