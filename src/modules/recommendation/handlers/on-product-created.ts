import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductCreated } from '../../product/contract.ts';
import { recordProducts } from '../use-cases/record-product.ts';

/** A batch of announcements is one write per table, rows locked in id order. */
export const onProductCreated = handleMany<PayloadOf<typeof ProductCreated>>(({ em }, events) =>
  recordProducts(
    em,
    events.map((e) => e.payload),
  ),
);
