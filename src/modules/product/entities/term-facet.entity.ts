import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The facet counts of one search term's matches in one currency (docs/adr/0130): what an unfiltered
 * single-word search with facets would count over the term's postings. Filled by searches
 * (entities/term-facets.ts); a trigger on `search_postings` deletes a term's rows whenever its
 * postings or their facet attributes change, so a row is exact while it exists.
 */
export const TermFacet = defineEntity({
  name: 'TermFacet',
  schema: 'product',
  tableName: 'term_facets',
  properties: {
    term: p.text().primary(),
    currency: p.text().primary(),
    /** The price buckets' lower edges the counts were made with: a row of other edges is not read. */
    edges: p.array().columnType('bigint[]'),
    /** The term's postings priced in the currency (the products it matches there). */
    matches: p.integer(),
    /** Category id -> matches in it. */
    categories: p.json<Record<string, number>>().columnType('jsonb'),
    buckets: p.array().columnType('int[]'),
    inStock: p.integer(),
    outOfStock: p.integer(),
  },
});
export type TermFacet = InferEntity<typeof TermFacet>;
