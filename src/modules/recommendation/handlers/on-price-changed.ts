import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { PriceChanged } from '../../pricing/contract.ts';
import { recordPrices } from '../use-cases/record-price.ts';

/** A batch of price changes is one upsert, one variant lock and one refresh of the products touched. */
export const onPriceChanged = handleMany<PayloadOf<typeof PriceChanged>>(({ em }, events) =>
  recordPrices(
    em,
    events.map((e) => e.payload),
  ),
);
