import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductUpdated } from '../../product/contract.ts';
import { recordProducts } from '../use-cases/record-product.ts';

/** A batch of announcements is one write per table, rows locked in id order. */
export const onProductUpdated = handleMany<PayloadOf<typeof ProductUpdated>>(({ em }, events) =>
  recordProducts(
    em,
    events.map((e) => e.payload),
  ),
);
