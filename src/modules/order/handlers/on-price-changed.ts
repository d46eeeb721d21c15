import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { PriceChanged } from '../../pricing/contract.ts';
import { writeVariantPrices } from '../entities/projection-store.ts';

/** Prices for carts; a batch of events is one statement. */
export const onPriceChanged = handleMany<PayloadOf<typeof PriceChanged>>(async ({ em }, events) => {
  await writeVariantPrices(
    em,
    events.map(({ payload: p }) => ({
      variant_id: p.variantId,
      currency: p.currency,
      amount: p.amount,
      sequence: p.sequence,
    })),
  );
});
