import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { StockChanged } from '../../inventory/contract.ts';
import { writeVariantStock } from '../entities/projection-store.ts';

/** Stock for carts; a batch of events is one statement. */
export const onStockChanged = handleMany<PayloadOf<typeof StockChanged>>(async ({ em }, events) => {
  const stock = events.map(({ payload: s }) => ({
    variant_id: s.variantId,
    available: s.available,
    sequence: s.sequence,
  }));
  await writeVariantStock(em, stock);
});
