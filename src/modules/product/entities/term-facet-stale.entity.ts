import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A term whose kept facet counts (TermFacet) are stale: written by the postings' trigger instead of
 * deleting the kept rows, so a writer locks no row of `term_facets` (docs/adr/0130). Insert-only
 * (the id is only a key, so inserts never conflict); the fill that rewrites a term's rows deletes
 * its entries.
 */
export const TermFacetStale = defineEntity({
  name: 'TermFacetStale',
  schema: 'product',
  tableName: 'term_facets_stale',
  properties: {
    id: p.bigint().primary().autoincrement(),
    term: p.text().index('term_facets_stale_term_idx'),
  },
});
export type TermFacetStale = InferEntity<typeof TermFacetStale>;
