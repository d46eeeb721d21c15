import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductCreated } from '../../product/contract.ts';
import { saveProducts } from '../use-cases/save-products.ts';

/** product.created/updated.v1: the product's title, categories and variants, for the reports. */
export const onProductSnapshot = handleMany<PayloadOf<typeof ProductCreated>>(({ em }, events) =>
  saveProducts(
    em,
    events.map((e) => e.payload),
  ),
);
