import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The search's inverted index (docs/adr/0101): one row per distinct word of a published product's
 * search document, with a static score from where the word occurs (title 1, subtitle or category
 * 0.4, SKU or variant 0.2, description 0.1). Kept by the read models with `products.search`. A
 * search reads the matches' ids, scores and facet attributes (stock, categories, cheapest price
 * per currency) from `search_postings_term_idx` alone (index-only), kept with the product's by the
 * read models and the price and stock projections.
 */
export const SearchPosting = defineEntity({
  name: 'SearchPosting',
  schema: 'product',
  tableName: 'search_postings',
  properties: {
    productId: p.uuid().primary(),
    term: p.text().primary(),
    score: p.float(),
    /** The product's facet attributes, copied on each of its postings so a search never reads `products` per match. */
    inStock: p.boolean(),
    categoryIds: p.array().columnType('uuid[]'),
    minPrices: p.json<Record<string, number>>().columnType('jsonb'),
  },
  // Each write marks stale the kept facet counts of the terms it changed (docs/adr/0130; the
  // function is the migration's, as is this DDL, which MikroORM only checks by name). The truncate
  // trigger is the migration's alone: information_schema, which MikroORM reads, lists none.
  triggers: (['insert', 'update', 'delete'] as const).map((op) => ({
    name: `search_postings_${op}_drops_term_facets`,
    timing: 'after' as const,
    events: [op],
    forEach: 'statement' as const,
    expression: `create trigger search_postings_${op}_drops_term_facets after ${op} on product.search_postings
      referencing ${{ insert: 'new table as new_rows', update: 'old table as old_rows new table as new_rows', delete: 'old table as old_rows' }[op]}
      for each statement execute function product.term_facets_drop()`,
  })),
  indexes: [
    {
      name: 'search_postings_term_idx',
      // pattern ops: equality and the byte-wise range a typed start (`swea` -> sweater) scans, in any collation
      expression:
        'create index search_postings_term_idx on product.search_postings (term text_pattern_ops, score desc, product_id desc) include (in_stock, category_ids, min_prices)',
    },
  ],
});
export type SearchPosting = InferEntity<typeof SearchPosting>;
