/**
 * SQL condition that product `alias` may be recommended: published, not deleted, and at least one
 * variant in stock. Every list filters by it at read time, so a stock or catalog event takes effect
 * as soon as its projection commits (no recomputed list to go stale).
 */
export const available = (alias: string) =>
  `(${alias}.published and not ${alias}.deleted and exists (select 1 from recommendation.variants v
     where v.product_id = ${alias}.product_id and v.in_stock))`;

export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 10;
/** A shopper's recently viewed list keeps this many products; older views are dropped. */
export const VIEWS_KEPT = 50;
