import type { Handler } from '../../../platform/bus/index.ts';
import type { PriceChangedPayload } from '../../pricing/contract.ts';
import { writeVariantPrice } from '../entities/projection-store.ts';

export const onPriceChanged: Handler<PriceChangedPayload> = async ({ em }, { payload: p }) => {
  await writeVariantPrice(em, {
    variant_id: p.variantId,
    currency: p.currency,
    amount: p.amount,
    sequence: p.sequence,
  });
};
