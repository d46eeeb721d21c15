import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { SearchFoundNothing } from '../../product/contract.ts';
import { recordFacts } from '../use-cases/record-fact.ts';

/** A store search without result, by its normalised text (the product module normalised it). */
export const onSearchFoundNothing = handleMany<PayloadOf<typeof SearchFoundNothing>>(({ em }, events) =>
  recordFacts(
    em,
    events.map(({ id, payload: s }) => ({
      eventId: id,
      kind: 'search_miss',
      occurredAt: s.searchedAt,
      orderId: null,
      currency: null,
      amount: 0,
      detail: { query: s.query },
    })),
  ),
);
